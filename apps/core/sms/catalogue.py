"""Every SMS the portal can send, as a template key with named parameters (see the package's docstring).

Each app registers its templates once, at import (core's below, hubs' and classes' in their notifications
module, imported by their AppConfig.ready()). The text is what the provider's template says once filed:
`{name}` becomes Aliyun's `${name}` and Tencent's `{1}`, `{2}`… in order of appearance. README lists them
("SMS templates to file") from `sms_templates_table()`.
"""

import string
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SmsTemplate:
    key: str
    label: str  # what the template is for, in Chinese (the provider asks for a purpose when filing)
    text: str  # with {name} placeholders; the signature 【…】 is added by the provider, not written here
    kind: str = "notice"  # "code" (验证码) or "notice" (通知): providers file and price them apart

    @property
    def params(self) -> list[str]:
        """The parameter names in order of appearance (Tencent's {1}, {2}… follow this order)."""
        names = []
        for _, name, _, _ in string.Formatter().parse(self.text):
            if name and name not in names:
                names.append(name)
        return names

    def render(self, params: dict) -> str:
        return self.text.format(**{name: params[name] for name in self.params})


@dataclass(frozen=True)
class SmsMessage:
    """One SMS to send: the template and its parameters for a provider, the full text for the log."""

    phone: str  # +86 and 11 ASCII digits, as stored (apps.core.phones.phone_normalize)
    template: str
    params: dict = field(default_factory=dict)
    text: str = ""  # 【brand】 and the rendered template


SMS_TEMPLATES: dict[str, SmsTemplate] = {}


def sms_template_register(key: str, *, label: str, text: str, kind: str = "notice") -> SmsTemplate:
    template = SmsTemplate(key=key, label=label, text=text, kind=kind)
    if SMS_TEMPLATES.get(key, template) != template:
        raise ImproperlyConfigured(f"SMS template {key!r} is registered twice with different texts.")
    SMS_TEMPLATES[key] = template
    return template


def sms_template(key: str) -> SmsTemplate:
    return SMS_TEMPLATES[key]


def sms_templates_table() -> list[tuple[str, str, str, str]]:
    """(key, kind, label, text as filed with Aliyun) for every template, sorted by key: for the README."""
    rows = []
    for key in sorted(SMS_TEMPLATES):
        template = SMS_TEMPLATES[key]
        filed = template.text
        for name in template.params:
            filed = filed.replace("{" + name + "}", "${" + name + "}")
        rows.append((key, template.kind, template.label, filed))
    return rows


# Core's own: verification codes and the accounts flow (allauth's adapter), and the booking engine's notices.
sms_template_register(
    "verification_code",
    label="注册、手机验证和短信登录的验证码",
    text="您的验证码是 {code}，10 分钟内有效。请勿告诉他人。",
    kind="code",
)
sms_template_register(
    "phone_unknown",
    label="未注册的手机号请求验证码时，告知机主",
    text="该手机号尚未注册{brand}账号，没有验证码。如需注册：{url}",
)
sms_template_register(
    "phone_taken",
    label="已注册的手机号再次注册时，告知机主",
    text="该手机号已注册{brand}账号，无需再注册，请直接登录（忘记密码可用短信验证码登录）：{url}",
)
# The booking engine's notices (apps.core.booking.notifications): one sentence, then the absolute short link, so
# 【brand】 + text + link fits one 70-character segment where possible (apps.core.notices cuts long titles).
for _event, _label, _text in (
    ("confirmed", "报名成功", "报名成功：{title}，{when}，{place}。{link}"),
    ("waitlisted", "进入候补", "已候补：{title}，{when}，有空位按先后通知您。{link}"),
    ("promoted", "候补转正式报名", "候补转为正式报名：{title}，{when}，{place}。{link}"),
    ("cancelled_by_staff", "工作人员取消报名", "工作人员已取消您的报名：{title}，{when}。{link}"),
    ("reminder", "活动开始前提醒", "提醒：{title}{when}开始，{place}。{link}"),
    ("occurrence_moved", "活动改期", "活动改期：{title}改为{when}，{place}。{link}"),
    ("occurrence_cancelled", "活动取消", "活动取消：{title}（{when}）。{reason}{link}"),
):
    sms_template_register(f"registration_{_event}", label=_label, text=_text)
