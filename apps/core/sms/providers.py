"""What every real provider's sender shares: its settings, the errors it raises, one bounded HTTP call.

Senders sign their requests themselves (a few lines of HMAC each, `aliyun.py`, `tencent.py`) and post them
with urllib3, already a dependency: the providers' SDKs would add a dozen packages (Aliyun's Tea runtime,
Tencent's common SDK with requests) for one API call, and neither lets the tests point it at a plain-HTTP
fake on 127.0.0.1 as simply as an endpoint setting does.

Errors are classified for the task that sends (apps.core.messaging.sms_send): `SmsUnavailable` may pass
(timeouts, connection refused, 5xx, an HTML error page, the provider's rate limits) and is worth retrying;
`SmsRejected` will not pass by waiting (template not approved, invalid number, credentials refused).
Neither carries the phone number or the message: their text goes to the log and the task's record.
"""

import json
from dataclasses import dataclass

import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .catalogue import SMS_TEMPLATES


class SmsError(Exception):
    retryable = False

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(f"{message} [{code}]" if code else message)
        self.code = code


class SmsUnavailable(SmsError):
    """The provider could not be reached or asked us to slow down: trying again later may succeed."""

    retryable = True


class SmsRejected(SmsError):
    """The provider refused this message (template, number, signature, credentials): retrying will not help."""


def provider_said(message) -> str:
    """A provider's error message as we log it: short, and with any number in it masked."""
    from apps.core.privacy import personal_numbers_mask

    return personal_numbers_mask(str(message or ""))[:200]


def template_ids_parse(value: str) -> dict[str, str]:
    """`SMS_TEMPLATE_IDS`: "key=ID,key=ID" (spaces allowed) → {key: ID}; a malformed entry raises."""
    ids = {}
    for entry in (value or "").replace("\n", ",").split(","):
        if not entry.strip():
            continue
        key, sep, template_id = entry.partition("=")
        if not sep or not key.strip() or not template_id.strip():
            raise ImproperlyConfigured(f"SMS_TEMPLATE_IDS: “{entry.strip()}” is not key=ID.")
        ids[key.strip()] = template_id.strip()
    return ids


@dataclass(frozen=True)
class ProviderSettings:
    access_key_id: str
    access_key_secret: str
    sign_name: str
    template_ids: dict
    app_id: str
    region: str
    endpoint: str
    timeout: float

    @classmethod
    def load(cls, *, default_endpoint: str, default_region: str) -> "ProviderSettings":
        sms = settings.SMS_PROVIDER
        return cls(
            access_key_id=sms["ACCESS_KEY_ID"],
            access_key_secret=sms["ACCESS_KEY_SECRET"],
            sign_name=sms["SIGN_NAME"],
            template_ids=template_ids_parse(sms["TEMPLATE_IDS"]),
            app_id=sms["APP_ID"],
            region=sms["REGION"] or default_region,
            endpoint=sms["ENDPOINT"] or default_endpoint,
            timeout=float(sms["TIMEOUT"]),
        )


class ProviderSmsSender:
    """Base of the real senders: checks its settings when created, posts with bounded timeouts."""

    name = ""  # "阿里云短信", "腾讯云短信": in error messages
    default_endpoint = ""
    default_region = ""
    needs_app_id = False

    def __init__(self):
        self.config = ProviderSettings.load(default_endpoint=self.default_endpoint, default_region=self.default_region)
        problems = self.config_problems()
        if problems:
            raise ImproperlyConfigured(f"SMS_SENDER names {self.name}, but: " + "; ".join(problems))
        # One connect + read bound for the whole call, no urllib3 retries: the task decides what to retry.
        timeout = urllib3.Timeout(connect=min(self.config.timeout, 5.0), read=self.config.timeout)
        self.http = urllib3.PoolManager(timeout=timeout, retries=False)

    def config_problems(self) -> list[str]:
        """What is missing or malformed, in words an operator can act on (used by the system check too)."""
        c = self.config
        problems = []
        if not c.access_key_id or not c.access_key_secret:
            problems.append("SMS_ACCESS_KEY_ID and SMS_ACCESS_KEY_SECRET must both be set")
        elif not c.access_key_id.isascii() or any(ch.isspace() for ch in c.access_key_id + c.access_key_secret):
            problems.append("SMS_ACCESS_KEY_ID / SMS_ACCESS_KEY_SECRET contain spaces or non-ASCII characters")
        if not c.sign_name:
            problems.append("SMS_SIGN_NAME (the approved signature, e.g. 红岭+) must be set")
        if self.needs_app_id and not c.app_id:
            problems.append("SMS_APP_ID (the SmsSdkAppId) must be set")
        missing = sorted(set(SMS_TEMPLATES) - set(c.template_ids))
        if missing:
            problems.append("SMS_TEMPLATE_IDS has no template ID for " + ", ".join(missing))
        if not c.endpoint.startswith(("https://", "http://")):
            problems.append("SMS_ENDPOINT must be an http(s) URL")
        return problems

    def template_id(self, key: str) -> str:
        try:
            return self.config.template_ids[key]
        except KeyError:
            raise SmsRejected(f"{self.name}: no template ID for {key!r} in SMS_TEMPLATE_IDS") from None

    def post(self, *, body: bytes, headers: dict) -> dict:
        """POST to the endpoint and return the JSON answer; anything that is not JSON is SmsUnavailable."""
        try:
            response = self.http.request("POST", self.config.endpoint, body=body, headers=headers)
        except urllib3.exceptions.NewConnectionError as error:  # a subclass of the timeout: refused, unreachable
            raise SmsUnavailable(f"{self.name}: cannot connect ({type(error).__name__})") from error
        except urllib3.exceptions.TimeoutError as error:
            raise SmsUnavailable(f"{self.name}: no answer within {self.config.timeout:g} s") from error
        except urllib3.exceptions.HTTPError as error:
            raise SmsUnavailable(f"{self.name}: cannot connect ({type(error).__name__})") from error
        try:
            answer = json.loads(response.data)
            if not isinstance(answer, dict):
                raise ValueError("not an object")
        except ValueError:
            kind = response.headers.get("Content-Type", "?").split(";")[0]
            raise SmsUnavailable(
                f"{self.name}: answered HTTP {response.status} with {kind}, not JSON", code=f"HTTP {response.status}"
            ) from None
        if response.status >= 500:
            raise SmsUnavailable(f"{self.name}: server error HTTP {response.status}", code=f"HTTP {response.status}")
        return answer
