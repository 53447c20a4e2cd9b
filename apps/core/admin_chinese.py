"""What Django's admin writes in English outside its translation catalogue, said in Chinese.

The rest of the admin's Chinese comes from Django's catalogue and the project's own (locale/zh_Hans).
tests/core/test_admin_chinese.py crawls the admin as every role and fails on English it can see."""

from django.apps import apps
from django.contrib.admin.templatetags import admin_list
from django.utils.html import format_html

BOOLEAN_ALT = {True: "是", False: "否", None: "未知"}
BOOLEAN_ICON = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(field_val):
    """Django's yes/no icon with Chinese alt text (Django writes "True"/"False", which screen readers read)."""
    icon = admin_list.static(f"admin/img/icon-{BOOLEAN_ICON[field_val]}.svg")
    return format_html('<img src="{}" alt="{}">', icon, BOOLEAN_ALT[field_val])


def _link_str(self):
    return f"{getattr(self, self._link_fields[0])} — {getattr(self, self._link_fields[1])}"


def admin_chinese_install() -> None:
    # The change list and admin.utils.display_for_field both look the function up in this module when called.
    admin_list._boolean_icon = boolean_icon
    # A many-to-many field's link rows are listed on delete pages as "User-group relationship: User_groups
    # object (1)": name them from the two models' Chinese names. These models are built by Django from the
    # field and are not part of any migration.
    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            ends = [f for f in through._meta.fields if f.is_relation]
            names = [f.related_model._meta.verbose_name for f in ends]
            through._meta.verbose_name = through._meta.verbose_name_plural = f"{names[0]}与{names[1]}的关联"
            through._link_fields = [f.name for f in ends]
            through.__str__ = _link_str
