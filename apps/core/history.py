"""The admin's history pages (django-simple-history) in words staff read: a column by its Chinese name, a
value as the change form shows it (a choice's label, local time, 是/否), 无 for nothing."""

from django.contrib.admin.utils import display_for_value
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

NOTHING = "无"


def history_readable(value, field=None) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "Y年n月j日 H:i")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    return display_for_value(value, NOTHING)


class ReadableHistoryContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return history_readable(value, self.model._meta.get_field(change.field))


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose "changes" column reads like the change form (with the project's
    templates/simple_history/object_history_list.html doing the same for the other columns)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContextHelper(self.model, historical_record)
