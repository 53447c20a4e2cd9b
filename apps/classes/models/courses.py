from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.core.models import Occurrence
from apps.core.richtext import RichTextField

from .members import MemberProfile
from .sites import RedSite, Route


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_category(self, category: str):
        """Courses meant for a member category (an empty audience list means everyone)."""
        return self.filter(Q(audiences=[]) | Q(audiences__icontains=f'"{category}"'))


class Course(models.Model):
    """A class on the menu (菜单式分类学): its format, audience and content; it runs as sessions."""

    class Format(models.TextChoices):
        NIGHT_SCHOOL = "night_school", "讲习夜校"
        PARTY_DAY = "party_day", "主题党日+"
        THREE_ONE = "three_one", "三会一课"
        MOBILE = "mobile", "流动党校"
        ONLINE = "online", "网络党校"
        EXPERT = "expert", "名家教授专题授课"
        MODEL_TALK = "model_talk", "身边党员模范宣讲"

    class Mode(models.TextChoices):
        OFFLINE = "offline", "线下"
        ONLINE = "online", "线上"
        HYBRID = "hybrid", "线上+线下"

    title = models.CharField("课程名称", max_length=80)
    format = models.CharField("形式", max_length=14, choices=Format.choices)
    mode = models.CharField("方式", max_length=8, choices=Mode.choices, default=Mode.OFFLINE)
    audiences = models.JSONField(
        "适合的党员类别", default=list, blank=True, help_text="留空表示面向所有党员。可选：" + "、".join(
            f"{value}（{label}）" for value, label in MemberProfile.Category.choices
        ),
    )  # fmt: skip
    teacher = models.CharField("授课人", max_length=60, blank=True, help_text="姓名与身份，例如：街道党工委书记。")
    summary = models.CharField("一句话介绍", max_length=140)
    body = RichTextField("课程介绍", blank=True)
    cover = models.ForeignKey(
        "core.Image", verbose_name="封面图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name="主办单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="courses"
    )
    is_published = models.BooleanField("公开显示", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = "课程"
        verbose_name_plural = "课程"
        ordering = ["format", "title"]

    def __str__(self):
        return f"{self.get_format_display()} · {self.title}"

    def get_absolute_url(self):
        return reverse("classes:course", args=[self.pk])

    def audience_labels(self) -> list[str]:
        labels = dict(MemberProfile.Category.choices)
        return [labels[a] for a in self.audiences if a in labels] or ["全体党员"]


WEEKDAYS = [(i, f"星期{'一二三四五六日'[i]}") for i in range(7)]


class Series(models.Model):
    """A repeating schedule that staff turn into sessions: every Tuesday 19:30 (讲习夜校), the first Friday
    of each month (主题党日), the 15th of each month (三会一课). Rules: apps/classes/services/series.py."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "每周"
        MONTHLY_WEEKDAY = "monthly_weekday", "每月第 N 个星期几"
        MONTHLY_DAY = "monthly_day", "每月几日"

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="series")
    frequency = models.CharField("重复方式", max_length=16, choices=Frequency.choices, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField(
        "星期几", choices=WEEKDAYS, null=True, blank=True, help_text="“每周”和“每月第 N 个星期几”时填写。"
    )
    week_of_month = models.SmallIntegerField(
        "第几个", null=True, blank=True, choices=[(1, "第一个"), (2, "第二个"), (3, "第三个"), (4, "第四个"),
                                                 (-1, "最后一个")],
        help_text="“每月第 N 个星期几”时填写，例如每月第一个星期五选“第一个”和“星期五”。",
    )  # fmt: skip
    day_of_month = models.PositiveSmallIntegerField(
        "每月几日", null=True, blank=True, help_text="“每月几日”时填写 1–31。"
        "某月没有这一天时（如小月的 31 日、2 月的 29–31 日），这个月改在当月最后一天，不会漏掉这个月。",
    )  # fmt: skip
    start_time = models.TimeField("开始时间")
    duration_minutes = models.PositiveSmallIntegerField("时长（分钟）", default=90)
    first_date = models.DateField("从哪天起")
    until_date = models.DateField("到哪天止", null=True, blank=True, help_text="与“共几场”二选一。")
    count = models.PositiveSmallIntegerField(
        "共几场", null=True, blank=True, help_text="与“到哪天止”二选一；跳过的日期不计在内。"
    )
    skip_dates = models.TextField(
        "跳过的日期", blank=True, help_text="节假日等不上课的日子，每行一个，例如 2027-01-01。"
    )
    capacity = models.PositiveIntegerField("每场名额", null=True, blank=True, help_text="留空表示无需报名。")
    members_only = models.BooleanField("仅限党员", default=True)
    venue_hub = models.ForeignKey(
        "hubs.Hub", verbose_name="地点（社区）", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    venue_site = models.ForeignKey(
        RedSite, verbose_name="地点（教育阵地）", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField("地点说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "系列课（批量排课）"
        verbose_name_plural = "系列课（批量排课）"
        ordering = ["-first_date"]

    def __str__(self):
        return f"{self.course.title} · {self.pattern_label()} {self.start_time:%H:%M}"

    def pattern_label(self) -> str:
        weekday = dict(WEEKDAYS).get(self.weekday, "")
        if self.frequency == self.Frequency.MONTHLY_WEEKDAY:
            nth = dict(self._meta.get_field("week_of_month").choices).get(self.week_of_month, "")
            return f"每月{nth}{weekday}"
        if self.frequency == self.Frequency.MONTHLY_DAY:
            return f"每月 {self.day_of_month} 日"
        return f"每{weekday}"


class Session(Occurrence):
    """One class session: a time, a place (a hub, a site, or online), seats."""

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.PROTECT, related_name="sessions")
    members_only = models.BooleanField("仅限党员", default=True, help_text="关闭后所有登录的居民都可以报名。")
    venue_hub = models.ForeignKey(
        "hubs.Hub",
        verbose_name="地点（社区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    venue_site = models.ForeignKey(
        RedSite,
        verbose_name="地点（教育阵地）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    route = models.ForeignKey(
        Route, verbose_name="主题线路", null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    live_url = models.URLField("直播链接", blank=True, help_text="只向已报名的党员显示。")
    replay_url = models.URLField("回放链接", blank=True, help_text="只向已报名的党员显示。")
    series = models.ForeignKey(
        Series, verbose_name="所属系列", null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    series_date = models.DateField(
        "在系列中的日期", null=True, blank=True, editable=False,
        help_text="系列为这一场排定的日期。单独改了这一场的时间，系列也认得它，不会再补排一场。",
    )  # fmt: skip

    class Meta:
        verbose_name = "课程场次"
        verbose_name_plural = "课程场次"
        ordering = ["starts_at", "id"]

    def get_absolute_url(self):
        return reverse("classes:session", args=[self.pk])

    def derived_fields_set(self) -> None:
        # What the shared calendar shows and who may come.
        self.kind = "classes.session"
        self.audience = Occurrence.Audience.MEMBERS if self.members_only else Occurrence.Audience.EVERYONE
        self.title = self.title or self.course.title
        venue = self.venue_site or self.venue_hub
        self.coordinates_copy_from(venue)
        if not self.place:
            self.place = f"{venue.name}（{venue.address}）" if venue else "线上"

    @property
    def is_online(self) -> bool:
        return bool(self.live_url or self.replay_url)
