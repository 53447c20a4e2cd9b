from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from apps.core.models import Occurrence
from apps.core.richtext import RichTextField

CHILD_AGE_MIN, CHILD_AGE_MAX = 1, 16
CHILD_NAME_MAX = 20


class CultureEvent(Occurrence):
    """A culture event of any kind in the article: reading clubs, story time, square shows, films…"""

    class Category(models.TextChoices):
        READING = "reading", "读书分享会"
        DRIFT = "drift", "图书漂流会"
        STORY = "story", "圈圈故事会"
        SQUARE = "square", "广场文化月月演"
        COUNTRYSIDE = "countryside", "三下乡"
        NEIGHBOURS = "neighbours", "邻里节"
        FILM = "film", "送电影"
        TALK = "talk", "微宣讲"

    # Categories that take place around the library and link to it.
    LIBRARY_CATEGORIES = {Category.READING, Category.DRIFT, Category.STORY}

    category = models.CharField("类别", max_length=12, choices=Category.choices)
    venue_hub = models.ForeignKey(
        "hubs.Hub", verbose_name="举办社区", null=True, blank=True, on_delete=models.PROTECT,
        related_name="culture_events",
    )  # fmt: skip
    library = models.ForeignKey(
        "culture.Library", verbose_name="相关图书馆", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events", help_text="读书分享会、故事会等在图书馆举办的活动选择它，活动页会链接到图书馆。",
    )  # fmt: skip
    poster = models.ForeignKey(
        "core.Image", verbose_name="海报", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField("一句话介绍", max_length=140)
    body = RichTextField("活动介绍", blank=True)

    class Meta:
        verbose_name = "文化活动"
        verbose_name_plural = "文化活动"
        ordering = ["starts_at", "id"]

    def get_absolute_url(self):
        return reverse("culture:event", args=[self.pk])

    def derived_fields_set(self) -> None:
        # What the shared calendar shows.
        self.kind = "culture.event"
        self.coordinates_copy_from(self.venue_hub)
        if not self.place:
            venue = self.library or self.venue_hub
            self.place = venue.name if venue else ""

    @property
    def is_for_families(self) -> bool:
        return self.audience == Occurrence.Audience.FAMILIES


class ChildAttendee(models.Model):
    """The child a guardian registered for a families event. Staff-only; never on a public page.

    Linked one-to-one to the guardian's registration, so it is deleted with it and with the account.
    """

    registration = models.OneToOneField(
        "core.Registration", verbose_name="报名", on_delete=models.CASCADE, related_name="child"
    )
    child_name = models.CharField("孩子姓名", max_length=CHILD_NAME_MAX)
    child_age = models.PositiveSmallIntegerField(
        "孩子年龄", validators=[MinValueValidator(CHILD_AGE_MIN), MaxValueValidator(CHILD_AGE_MAX)]
    )
    guardian_consent_at = models.DateTimeField("监护人同意时间")

    class Meta:
        verbose_name = "报名的孩子"
        verbose_name_plural = "报名的孩子"

    def __str__(self):
        return f"{self.child_name}（{self.child_age} 岁）"
