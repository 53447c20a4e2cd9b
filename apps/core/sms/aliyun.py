"""阿里云短信 (Dysmsapi 2017-05-25 `SendSms`), signed with the RPC signature v1 (HMAC-SHA1).

The request is a form-encoded POST of the common and the action's parameters; its signature is
base64(HMAC-SHA1(secret + "&", "POST&%2F&" + percent(canonical query))), where the canonical query is the
parameters sorted by name, each name and value percent-encoded per RFC 3986 (space as %20, `~` kept).
"""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from .catalogue import SmsMessage
from .providers import ProviderSmsSender, SmsRejected, SmsUnavailable, provider_said

# Codes that may pass if we wait: flow control per number (1 a minute, 5 an hour, 10 a day by default),
# throttling of the account, the provider's own failures.
RETRYABLE_CODES = (
    "isv.BUSINESS_LIMIT_CONTROL",
    "Throttling",
    "isp.SYSTEM_ERROR",
    "ServiceUnavailable",
    "InternalError",
)


def percent(value: str) -> str:
    return quote(value, safe="-_.~")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))


def signature_v1(params: dict[str, str], secret: str, method: str = "POST") -> str:
    string_to_sign = f"{method}&{percent('/')}&{percent(canonical_query(params))}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsSender(ProviderSmsSender):
    name = "阿里云短信"
    default_endpoint = "https://dysmsapi.aliyuncs.com/"
    default_region = "cn-hangzhou"

    def request_params(self, message: SmsMessage, *, now: datetime | None = None, nonce: str = "") -> dict:
        c = self.config
        params = {
            "AccessKeyId": c.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.phone.removeprefix("+86"),
            "RegionId": c.region,
            "SignName": c.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self.template_id(message.template),
            "TemplateParam": json.dumps({k: str(v) for k, v in message.params.items()}, ensure_ascii=False),
            "Timestamp": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = signature_v1(params, c.access_key_secret)
        return params

    def send(self, message: SmsMessage) -> str:
        """Send; return the provider's BizId. Raises SmsUnavailable or SmsRejected."""
        params = self.request_params(message)
        body = canonical_query(params).encode()
        answer = self.post(body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        code = str(answer.get("Code", ""))
        if code == "OK":
            return str(answer.get("BizId", ""))
        text = f"{self.name} refused {message.template}: {provider_said(answer.get('Message'))}"
        if code.startswith(RETRYABLE_CODES):
            raise SmsUnavailable(text, code=code)
        raise SmsRejected(text, code=code or "no Code")
