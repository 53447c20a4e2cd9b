"""Tags for the admin's history pages (templates/simple_history/): see apps.core.history."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from apps.core.history import history_readable

register = template.Library()


@register.simple_tag
def history_label(opts, column):
    """The heading of a `history_list_display` column: the field's verbose name."""
    try:
        return capfirst(opts.get_field(column).verbose_name)
    except FieldDoesNotExist:
        return column


@register.simple_tag
def history_value(record, opts, column):
    try:
        field = opts.get_field(column)
    except FieldDoesNotExist:
        field = None
    return history_readable(getattr(record, column, None), field)


register.filter("history_readable", history_readable)
