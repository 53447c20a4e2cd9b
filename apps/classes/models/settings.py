from django.db import models

from apps.core.models import SingletonSettings


class ClassesSettings(SingletonSettings):
    """红岭课堂's own settings (one row; apps.core.models.SingletonSettings)."""

    CACHE_KEY = "classes:settings"

    study_hours_target = models.PositiveSmallIntegerField(
        "党员年度学习目标（学时）", default=32, help_text="“我的学习记录”里显示的年度目标，只和自己比较，不做排名。"
    )

    class Meta:
        verbose_name = "红岭课堂设置"
        verbose_name_plural = "红岭课堂设置"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="classes_settings_single_row")]

    def __str__(self):
        return "红岭课堂设置"
