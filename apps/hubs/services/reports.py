from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.audit.models import AuditEvent
from apps.core.audit.services import audit_record
from apps.core.images import CleanImage, image_create
from apps.core.models import SiteSettings
from apps.core.privacy import personal_numbers_mask

from ..lifecycle import CLOSED, REOPEN_WINDOW_DAYS, REPORTER, STAFF, Status, move_allowed
from ..models import Category, Hub, Report, ReportEvent, ReportPhoto
from ..models.reports import REPORTER_LABEL
from ..selectors import hub_for_place
from .notifications import hub_staff_notify_new, reporter_notify_status

MAX_PHOTOS = 6
DAILY_LIMIT = 10


def report_reference(report: Report) -> str:
    """The public reference (HL-2026-000123): from the primary key, so concurrent submissions never share one."""
    return f"HL-{timezone.localtime(report.submitted_at).year}-{report.pk:06d}"


def report_actor_label(*, actor, report: Report) -> str:
    """The public signature of a step: the hub or the subdistrict, never a staff member's name."""
    if actor is not None and report.reporter_id == actor.pk and not actor.is_staff:
        return REPORTER_LABEL
    if actor is not None and not (actor.is_superuser or actor.has_perm("hubs.all_hubs")):
        return report.hub.name
    return SiteSettings.load().subdistrict


def _event_add(*, report: Report, actor, kind: str, **fields) -> ReportEvent:
    event = ReportEvent(
        report=report, actor=actor, kind=kind, actor_label=report_actor_label(actor=actor, report=report)
    )
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    return event


def _check_staff(*, report: Report, actor) -> None:
    if actor is None or not actor.is_staff or not Report.objects.for_hubs_of(actor).filter(pk=report.pk).exists():
        raise ValidationError("您无权处理这个社区的反映。", code="not_your_hub")


def report_submitter_check(reporter) -> None:
    """Who may file a report: a logged-in resident with a verified phone. The form page asks it first, to
    explain instead of showing a form (codes "anonymous", "unverified")."""
    if reporter is None or not reporter.is_authenticated:
        raise ValidationError("请先登录，再提交反映。", code="anonymous")
    if not reporter.phone_verified:
        raise ValidationError("请先验证手机号，再提交反映。", code="unverified")


@transaction.atomic
def report_submit(
    *,
    reporter,
    title: str,
    description: str,
    category: Category,
    hub: Hub | None,
    place: str,
    photos: list[CleanImage],
    show_name: bool = False,
    at: datetime | None = None,
) -> Report:
    """File a resident's report (我要反映), with up to six cleaned photos, and notify the hub's staff.

    `at` backdates a report received earlier on paper (and the demo case); it defaults to now."""
    at = at or timezone.now()
    report_submitter_check(reporter)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError("最多上传 %(max)d 张照片。", code="too_many", params={"max": MAX_PHOTOS})
    if hub is None:  # the resident did not pick one: the place tells which hub it is, or we ask
        hub = hub_for_place(place)
        if hub is None:
            raise ValidationError("没能从地点判断属于哪个社区，请在“所在社区”中选择。", code="hub_unknown")
    if not Hub.objects.public().filter(pk=hub.pk).exists() or not category.is_active:
        raise ValidationError("请选择列表中的社区和类别。", code="invalid_choice")
    recent = Report.objects.filter(reporter=reporter, submitted_at__gte=timezone.now() - timedelta(days=1))
    if recent.filter(title=title.strip(), description=description.strip()).exists():
        raise ValidationError("您已经提交过内容相同的反映，请在“我的反映”中查看进展。", code="duplicate_submit")
    if recent.count() >= DAILY_LIMIT:
        raise ValidationError(
            "您今天提交的反映已达 %(n)d 条，请明天再提交。", code="daily_limit", params={"n": DAILY_LIMIT}
        )

    report = Report(
        reporter=reporter,
        title=title.strip(),
        description=description.strip(),
        category=category,
        hub=hub,
        place=place.strip(),
        show_name=show_name,
        submitted_at=at,
        status_changed_at=at,
    )
    report.full_clean()
    report.save()
    report.reference = report_reference(report)
    report.save(update_fields=["reference"])
    for number, clean in enumerate(photos, start=1):
        alt = f"{personal_numbers_mask(report.title)}：居民拍摄的照片 {number}"  # shown on the public page
        image = image_create(upload=clean, alt=alt, uploaded_by=reporter)
        ReportPhoto.objects.create(report=report, image=image)
    _event_add(report=report, actor=reporter, kind=ReportEvent.Kind.STATUS, to_status=Status.SUBMITTED, created_at=at)
    hub_staff_notify_new(report=report)
    return report


# The fields a step may change: copied back to the caller's instance after the write.
_MOVED_FIELDS = ("status", "status_changed_at", "published_at", "duplicate_of", "referred_to", "is_hidden",
                 "hidden_reason")  # fmt: skip


def _locked(report: Report) -> Report:
    """A fresh copy of the report's row, locked until the transaction ends: every check and write of a step
    works on it, never on the caller's copy (which may be minutes old)."""
    return Report.objects.select_for_update().select_related("hub").get(pk=report.pk)


def _caller_update(report: Report, locked: Report) -> None:
    """Let the caller's instance show what was written."""
    for name in _MOVED_FIELDS:
        setattr(report, name, getattr(locked, name))


def _move(*, locked: Report, to_status: str, actor, by: str, public_message: str, internal_remark: str = "", at=None):
    """One step of the lifecycle on the locked row; `locked` carries any other field the step sets."""
    if not move_allowed(locked.status, to_status, by=by):
        raise ValidationError(
            "不能从“%(from)s”改为“%(to)s”。",
            code="forbidden_move",
            params={"from": Status(locked.status).label, "to": Status(to_status).label},
        )
    event = _event_add(
        report=locked,
        actor=actor,
        kind=ReportEvent.Kind.STATUS,
        from_status=locked.status,
        to_status=to_status,
        public_message=public_message,
        internal_remark=internal_remark,
        created_at=at or timezone.now(),
    )
    now = event.created_at
    locked.status = to_status
    locked.status_changed_at = now
    if to_status == Status.ACCEPTED and locked.published_at is None:
        locked.published_at = now
    locked.save(update_fields=["status", "status_changed_at", "published_at", "duplicate_of", "referred_to"])
    return event


@transaction.atomic
def report_transition(
    *,
    report: Report,
    to_status: str,
    actor,
    public_message: str = "",
    internal_remark: str = "",
    duplicate_of: Report | None = None,
    referred_to: str = "",
    at: datetime | None = None,
) -> ReportEvent:
    """Move `report` one step along the lifecycle table as hub staff, write the history, tell the reporter."""
    _check_staff(report=report, actor=actor)
    locked = _locked(report)
    public_message = (public_message or "").strip()
    if to_status in CLOSED and not public_message:
        raise ValidationError("关闭反映必须填写公开说明（理由），居民会看到它。", code="reason_required")
    if to_status == Status.DUPLICATE:
        kept = None
        if duplicate_of is not None and duplicate_of.pk != locked.pk:
            # The kept report as it is now, and only one this worker may see (their own hubs').
            kept = Report.objects.for_hubs_of(actor).filter(pk=duplicate_of.pk).exclude(status__in=CLOSED).first()
        if kept is None:
            raise ValidationError("请填写保留的那条反映的编号（不能是本条或已关闭的反映）。", code="duplicate_of")
        locked.duplicate_of = kept
    if to_status == Status.REFERRED:
        if not referred_to.strip():
            raise ValidationError("请填写负责处理的单位。", code="referred_to")
        locked.referred_to = referred_to.strip()
    event = _move(
        locked=locked,
        to_status=to_status,
        actor=actor,
        by=STAFF,
        public_message=public_message,
        internal_remark=internal_remark.strip(),
        at=at,
    )
    _caller_update(report, locked)
    reporter_notify_status(report=locked, event=event)
    return event


def _check_reporter(*, report: Report, user) -> None:
    if user is None or report.reporter_id is None or report.reporter_id != user.pk:
        raise ValidationError("只有反映人本人可以确认或重新打开这条反映。", code="not_reporter")


@transaction.atomic
def report_confirm(*, report: Report, user, message: str = "", at: datetime | None = None) -> ReportEvent:
    """The reporter confirms a completed report is fixed."""
    locked = _locked(report)
    _check_reporter(report=locked, user=user)
    event = _move(
        locked=locked, to_status=Status.CONFIRMED, actor=user, by=REPORTER, public_message=message.strip(), at=at
    )
    _caller_update(report, locked)
    return event


@transaction.atomic
def report_reopen(*, report: Report, user, message: str) -> ReportEvent:
    """The reporter reopens a completed report, within 30 days of its completion, saying what is wrong."""
    locked = _locked(report)
    _check_reporter(report=locked, user=user)
    if locked.status == Status.COMPLETED and timezone.now() - locked.status_changed_at > timedelta(
        days=REOPEN_WINDOW_DAYS
    ):
        raise ValidationError(
            "完成已超过 %(days)d 天，不能再重新打开；如问题又出现，请提交新的反映。",
            code="reopen_window",
            params={"days": REOPEN_WINDOW_DAYS},
        )
    if not (message or "").strip():
        raise ValidationError("请说明问题还存在哪些情况。", code="reason_required")
    event = _move(locked=locked, to_status=Status.REOPENED, actor=user, by=REPORTER, public_message=message.strip())
    _caller_update(report, locked)
    hub_staff_notify_new(report=locked)
    return event


def hide_reason_clean(reason: str, *, code: str = "reason_required", what: str = "隐藏") -> str:
    """Hiding needs a reason for staff; the admin's forms ask this same function to show the error early."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"{what}时请填写原因。", code=code)
    return reason


@transaction.atomic
def report_hide(*, report: Report, actor, reason: str) -> ReportEvent:
    """Moderation: take a report off the public site (never deleted); the reason is for staff only."""
    _check_staff(report=report, actor=actor)
    reason = hide_reason_clean(reason)
    locked = _locked(report)
    locked.is_hidden, locked.hidden_reason = True, reason
    locked.save(update_fields=["is_hidden", "hidden_reason"])
    _caller_update(report, locked)
    return _event_add(report=locked, actor=actor, kind=ReportEvent.Kind.HIDDEN, internal_remark=reason)


@transaction.atomic
def report_unhide(*, report: Report, actor, reason: str = "") -> ReportEvent:
    _check_staff(report=report, actor=actor)
    locked = _locked(report)
    locked.is_hidden, locked.hidden_reason = False, ""
    locked.save(update_fields=["is_hidden", "hidden_reason"])
    _caller_update(report, locked)
    return _event_add(report=locked, actor=actor, kind=ReportEvent.Kind.SHOWN, internal_remark=(reason or "").strip())


@transaction.atomic
def report_photo_hide(*, photo: ReportPhoto, actor, reason: str) -> ReportEvent:
    _check_staff(report=photo.report, actor=actor)
    reason = hide_reason_clean(reason, what="隐藏照片")
    photo.is_hidden, photo.hidden_reason = True, reason
    photo.save(update_fields=["is_hidden", "hidden_reason"])
    remark = f"照片 {photo.pk}：{reason}"
    return _event_add(report=photo.report, actor=actor, kind=ReportEvent.Kind.PHOTO_HIDDEN, internal_remark=remark)


@transaction.atomic
def report_photo_show(*, photo: ReportPhoto, actor) -> ReportEvent:
    _check_staff(report=photo.report, actor=actor)
    photo.is_hidden, photo.hidden_reason = False, ""
    photo.save(update_fields=["is_hidden", "hidden_reason"])
    remark = f"照片 {photo.pk}"
    return _event_add(report=photo.report, actor=actor, kind=ReportEvent.Kind.PHOTO_SHOWN, internal_remark=remark)


@transaction.atomic
def report_phone_reveal(*, report: Report, actor) -> str:
    """The reporter's full phone number for a staff member who needs to call; the look-up goes to the audit
    trail (older reveals are in the report's history as ReportEvent.Kind.PHONE_REVEALED)."""
    _check_staff(report=report, actor=actor)
    audit_record(action=AuditEvent.Action.PHONE_REVEALED, user=actor, obj=report, detail="反映人手机号")
    return (report.reporter.phone or "") if report.reporter else ""
