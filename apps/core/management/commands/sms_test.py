"""`manage.py sms_test <phone>`: send one verification-code SMS now, through SMS_SENDER, and say what happened.

For an operator after setting up or rotating the provider's credentials, or to see whether an outage is over:
the message goes out synchronously (not through the task queue), and the provider's answer is printed.
"""

import secrets

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.core.messaging import sms_sender
from apps.core.models import SiteSettings
from apps.core.phones import mask_phone, phone_normalize
from apps.core.sms.catalogue import SmsMessage, sms_template
from apps.core.sms.providers import SmsError


class Command(BaseCommand):
    help = "Sends one test verification code to the given mainland mobile number through SMS_SENDER."

    def add_arguments(self, parser):
        parser.add_argument("phone", help="a mainland mobile number you can read, e.g. 139 1234 5678")

    def handle(self, *args, phone: str, **options):
        try:
            phone = phone_normalize(phone)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        params = {"code": f"{secrets.randbelow(10**6):06d}"}
        text = f"【{SiteSettings.load().brand_name}】{sms_template('verification_code').render(params)}"
        try:
            sender = sms_sender()
            answer = sender.send(SmsMessage(phone=phone, template="verification_code", params=params, text=text))
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        except SmsError as error:
            kind = "temporary: try again later" if error.retryable else "refused: fix the setting or template"
            raise CommandError(f"not sent ({kind}): {error}") from None
        self.stdout.write(
            f"Sent to {mask_phone(phone)} via {type(sender).__name__} (code {params['code']}): {answer or 'ok'}"
        )
