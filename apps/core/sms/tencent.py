"""腾讯云短信 (SMS API 2021-01-11 `SendSms`), signed with TC3-HMAC-SHA256.

The body is JSON; the signature chains HMAC-SHA256 over the date, the service and "tc3_request", then signs
"TC3-HMAC-SHA256\\n<timestamp>\\n<date>/sms/tc3_request\\n<sha256 of the canonical request>", where the canonical
request names the method, path, the content-type and host headers and the body's sha256.
"""

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from .catalogue import SMS_TEMPLATES, SmsMessage
from .providers import ProviderSmsSender, SmsRejected, SmsUnavailable, provider_said

CONTENT_TYPE = "application/json; charset=utf-8"
SERVICE = "sms"
# Per-number limits that lift within the hour, the account's request rate, the provider's own failures.
RETRYABLE_CODES = (
    "LimitExceeded.PhoneNumberThirtySecondLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "RequestLimitExceeded",
    "InternalError",
    "ResourceUnavailable",
)


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def tc3_authorization(*, secret_id: str, secret_key: str, host: str, body: bytes, timestamp: int) -> str:
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{CONTENT_TYPE}\nhost:{host}\n",
            "content-type;host",
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{date}/{SERVICE}/tc3_request"
    string_to_sign = "\n".join(
        ["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    signing_key = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode(), date), SERVICE), "tc3_request")
    signature = hmac.new(signing_key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"


class TencentSmsSender(ProviderSmsSender):
    name = "腾讯云短信"
    default_endpoint = "https://sms.tencentcloudapi.com/"
    default_region = "ap-guangzhou"
    needs_app_id = True

    def request(self, message: SmsMessage, *, timestamp: int | None = None) -> tuple[bytes, dict]:
        c = self.config
        template = SMS_TEMPLATES[message.template]
        payload = {
            "PhoneNumberSet": [message.phone if message.phone.startswith("+") else f"+86{message.phone}"],
            "SmsSdkAppId": c.app_id,
            "SignName": c.sign_name,
            "TemplateId": self.template_id(message.template),
            # Tencent's templates number their parameters {1}, {2}…: the catalogue's names in order.
            "TemplateParamSet": [str(message.params[name]) for name in template.params],
        }
        body = json.dumps(payload, ensure_ascii=False).encode()
        timestamp = timestamp or int(time.time())
        host = urlsplit(c.endpoint).netloc
        headers = {
            "Authorization": tc3_authorization(
                secret_id=c.access_key_id, secret_key=c.access_key_secret, host=host, body=body, timestamp=timestamp
            ),
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": "2021-01-11",
            "X-TC-Region": c.region,
        }
        return body, headers

    def send(self, message: SmsMessage) -> str:
        """Send; return the provider's SerialNo. Raises SmsUnavailable or SmsRejected."""
        body, headers = self.request(message)
        answer = self.post(body=body, headers=headers).get("Response")
        if not isinstance(answer, dict):
            raise SmsUnavailable(f"{self.name}: answer without Response", code="no Response")
        error = answer.get("Error")
        statuses = answer.get("SendStatusSet") or []
        if error is None and statuses and isinstance(statuses[0], dict):
            error = statuses[0] if statuses[0].get("Code") != "Ok" else None
            if error is None:
                return str(statuses[0].get("SerialNo", ""))
        error = error if isinstance(error, dict) else {"Code": "no SendStatusSet"}
        code = str(error.get("Code", ""))
        text = f"{self.name} refused {message.template}: {provider_said(error.get('Message'))}"
        if code.startswith(RETRYABLE_CODES):
            raise SmsUnavailable(text, code=code)
        raise SmsRejected(text, code=code or "no Code")
