"""Messages to the reporter and hub staff, sent in the background through the foundation's sender."""

from django.urls import reverse

from apps.core.messaging import mail_enqueue
from apps.core.models import SiteSettings
from apps.core.notices import notice_send
from apps.core.shortlinks import absolute_url, shortlink
from apps.core.sms.catalogue import sms_template_register

from ..models import Report, ReportEvent

sms_template_register(
    "report_status",
    label="居民反映的问题状态更新",
    text="您反映的问题{reference}：{status}。{link}",
)


def reporter_notify_status(*, report: Report, event: ReportEvent) -> None:
    """Tell the reporter their report moved to a new public status, linking to the report (/r/HL-…)."""
    status = event.get_to_status_display()
    notice_send(
        user=report.reporter,
        topic="reports",
        template="report_status",
        link=shortlink(report.reference),
        subject=f"{report.reference} {status}",
        details="\n\n".join(part for part in (f"“{report.title}”", event.public_message) if part),
        shorten=(),
        reference=report.reference,
        status=status,
    )


def hub_staff_notify_new(*, report: Report) -> None:
    """Mail the hub's staff that a new report waits for them."""
    brand = SiteSettings.load().brand_name
    for email in report.hub.staff.filter(is_active=True).exclude(email=None).values_list("email", flat=True):
        mail_enqueue(
            to=email,
            subject=f"【{brand}】新的居民反映 {report.reference}",
            body=f"{report.hub}收到新的居民反映“{report.title}”（{report.category}），请在管理后台受理：\n"
            + absolute_url(reverse("admin:hubs_report_change", args=[report.pk])),
        )
