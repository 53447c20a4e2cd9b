"""Notices to one person about their own things, by SMS and/or mail as they chose on /me/.

Every sender of a notice (the booking engine, residents' reports, Party-member verification) calls
`notice_send()`, which queues one background task (`notice_deliver`) when the transaction commits; the task
alone reads the person's choice (`core.NoticePreference`), signs the SMS with the brand from the site settings
(【红岭+】), ends it with an absolute short link (`apps.core.shortlinks`) and queues the SMS and mail tasks. A
request that causes a notice (a 报名) so pays one task row, no query and no text. An SMS
segment holds 70 characters: when the text would not fit, the fields named by `shorten` (title, place) are cut.
Account messages (log-in and verification codes) are not notices: they always go.
"""

from functools import partial

from django.db import transaction
from django.tasks import task

from .messaging import mail_enqueue, messages_are_held, sms_enqueue
from .sms.catalogue import sms_template

SMS_SEGMENT = 70
SHORTEST_TITLE = 6

# topic -> what /me/ calls it. The order is the order on /me/.
TOPICS = {
    "bookings": "报名结果、活动改期或取消",
    "reminders": "活动开始前一天的提醒",
    "reports": "我反映的问题有新进展",
    "membership": "党员认证结果",
}


def brand() -> str:
    from .models import SiteSettings

    return SiteSettings.load().brand_name


def sms_params(template: str, *, link: str, shorten: tuple[str, ...] = ("title", "place"), **fields) -> dict:
    """The parameters of the SMS template `template` (apps.core.sms.catalogue), the link included, with the fields
    named in `shorten` cut in turn (to ≥ 6 characters) so that 【brand】 + the text fits 70 characters."""
    signature, text = f"【{brand()}】", sms_template(template)
    params = {**fields, "link": link}
    for name in shorten:
        value, overflow = str(params.get(name, "")), len(signature) + len(text.render(params)) - SMS_SEGMENT
        if overflow <= 0:
            break
        if len(value) > SHORTEST_TITLE:
            params = {**params, name: f"{value[: max(len(value) - overflow - 1, SHORTEST_TITLE)]}…"}
    return params


def sms_compose(template: str, *, link: str, shorten: tuple[str, ...] = ("title", "place"), **fields) -> str:
    """The SMS as the person reads it: 【brand】 + the template's text with its parameters."""
    return f"【{brand()}】{sms_template(template).render(sms_params(template, link=link, shorten=shorten, **fields))}"


def reachable(user) -> tuple[bool, bool]:
    """(by SMS, by mail): the channels this person has — a verified phone, an e-mail address."""
    return bool(user.phone and user.phone_verified), bool(user.email)


def channels(user, topic: str) -> tuple[bool, bool]:
    """(by SMS, by mail) for this person and topic: their choice, within the channels they have."""
    from .models import NoticePreference

    has_sms, has_mail = reachable(user)
    if not (has_sms or has_mail):
        return False, False  # nothing to choose between: no query
    # One row at most (unique per user and topic): two columns, no ordering, no model instance.
    chosen = NoticePreference.objects.filter(user=user, topic=topic).values_list("by_sms", "by_mail")
    by_sms, by_mail = next(iter(chosen), (True, True))
    return has_sms and by_sms, has_mail and by_mail


def notice_send(
    *,
    user,
    topic: str,
    template: str,
    link: str,
    subject: str,
    details: str = "",
    shorten: tuple[str, ...] = ("title", "place"),
    **fields,
) -> None:
    """Tell `user` about something of theirs (`topic` in TOPICS), in the background once the transaction commits.

    `template` is an SMS template's key (apps.core.sms.catalogue) whose text ends with `{link}`; the SMS is
    【brand】 + its text; the mail's body is the same
    sentence in full, `details` if any, and the link.
    """
    if topic not in TOPICS:
        raise ValueError(f"unknown notice topic {topic!r}")
    if user is None or not user.is_active or messages_are_held():
        return
    if not any(reachable(user)):
        return  # no channel to choose: nothing to queue
    fields = {name: str(value) for name, value in fields.items()}
    transaction.on_commit(
        partial(notice_deliver.enqueue, user_id=user.pk, topic=topic, template=template, link=link, subject=subject,
                details=details, shorten=list(shorten), fields=fields)
    )  # fmt: skip


@task
def notice_deliver(
    *, user_id: int, topic: str, template: str, link: str, subject: str, details: str, shorten: list, fields: dict
) -> str:
    """The background half of notice_send: the person's choice of channels, the texts, and the SMS and mail tasks
    (which retry on their own). Nothing for someone who has since left or been deactivated."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return "no active user"
    by_sms, by_mail = channels(user, topic)
    shorten = tuple(shorten)
    if by_sms:
        sms_enqueue(
            phone=user.phone, template=template, params=sms_params(template, link=link, shorten=shorten, **fields)
        )
    if by_mail:
        name = brand()
        sentence = sms_template(template).render({**fields, "link": ""})
        parts = (sentence, details, f"查看详情：{link}", f"——{name}")
        body = "\n\n".join(part for part in parts if part)
        mail_enqueue(to=user.email, subject=f"【{name}】{subject}", body=body)
    return f"sms={by_sms} mail={by_mail}"


def preferences(user) -> list[dict]:
    """Each topic with this person's current choice and which channels they have (for the /me/ form)."""
    from .models import NoticePreference

    saved = {p.topic: p for p in NoticePreference.objects.filter(user=user)}
    return [
        {
            "topic": topic,
            "label": label,
            "by_sms": saved[topic].by_sms if topic in saved else True,
            "by_mail": saved[topic].by_mail if topic in saved else True,
        }
        for topic, label in TOPICS.items()
    ]


@transaction.atomic
def preferences_save(*, user, chosen: dict[str, tuple[bool, bool]]) -> None:
    """Store `user`'s choice, topic -> (by SMS, by mail); unknown topics are ignored."""
    from .models import NoticePreference

    for topic in TOPICS:
        by_sms, by_mail = chosen.get(topic, (False, False))
        NoticePreference.objects.update_or_create(
            user=user, topic=topic, defaults={"by_sms": by_sms, "by_mail": by_mail}
        )
