"""Messages to the reporter and hub staff, sent in the background through the foundation's sender."""

from django.urls import reverse

from apps.core.messaging import mail_enqueue, sms_enqueue
from apps.core.models import SiteSettings
from apps.core.sms.catalogue import sms_template_register

from ..models import Report, ReportEvent

sms_template_register(
    "report_status",
    label="居民反映的问题状态更新",
    text="您反映的问题 {reference} 状态：{status}。详见“我的反映”{path}",
)


def reporter_notify_status(*, report: Report, event: ReportEvent) -> None:
    """Tell the reporter their report moved to a new public status (SMS if verified, mail if any)."""
    user = report.reporter
    if user is None or not user.is_active:
        return
    brand = SiteSettings.load().brand_name
    status = event.get_to_status_display()
    path = reverse("hubs:my_reports")
    if user.phone and user.phone_verified:
        sms_enqueue(
            phone=user.phone,
            template="report_status",
            params={"reference": report.reference, "status": status, "path": path},
        )
    if user.email:
        body = "\n\n".join(
            part
            for part in (
                f"您反映的问题“{report.title}”（编号 {report.reference}）状态已更新为：{status}。",
                event.public_message,
                f"查看处理进展：登录{brand}后打开“我的反映”（{path}）。",
            )
            if part
        )
        mail_enqueue(to=user.email, subject=f"【{brand}】{report.reference} {status}", body=body)


def hub_staff_notify_new(*, report: Report) -> None:
    """Mail the hub's staff that a new report waits for them."""
    brand = SiteSettings.load().brand_name
    for email in report.hub.staff.filter(is_active=True).exclude(email=None).values_list("email", flat=True):
        mail_enqueue(
            to=email,
            subject=f"【{brand}】新的居民反映 {report.reference}",
            body=f"{report.hub}收到新的居民反映“{report.title}”（{report.category}），请在管理后台受理。",
        )
