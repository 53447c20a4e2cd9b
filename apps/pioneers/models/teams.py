from django.db import models
from django.urls import reverse

from apps.core.models import Occurrence
from apps.core.richtext import RichTextField

from .profiles import Pioneer


class TeamQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Team(models.Model):
    """A volunteer team (志愿服务队), e.g. the riverside patrol or the "70后红袖章" of 八一小区."""

    name = models.CharField("队名", max_length=40, unique=True)
    hub = models.ForeignKey("hubs.Hub", verbose_name="所在社区", on_delete=models.PROTECT, related_name="teams")
    leader = models.ForeignKey(
        Pioneer, verbose_name="带头人（先锋人物）", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="teams_led", help_text="带头人有先锋人物页面时选择；只在其页面公开时链接过去。",
    )  # fmt: skip
    leader_name = models.CharField(
        "带头人", max_length=40, blank=True, help_text="带头人是党员但没有先锋页面时填写，例如：安子岭社区党委。"
    )
    summary = models.CharField("做什么", max_length=140, help_text="一句话，例如：每周沿浏阳河巡查，守护上下学路。")
    body = RichTextField("介绍", blank=True)
    photo = models.ForeignKey(
        "core.Image", verbose_name="照片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members_count = models.PositiveSmallIntegerField("队员人数", default=0)
    is_published = models.BooleanField("公开显示", default=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = "志愿服务队"
        verbose_name_plural = "志愿服务队"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pioneers:team", args=[self.pk])

    @property
    def public_leader(self) -> Pioneer | None:
        """The leader's profile, only while it is public."""
        leader = self.leader
        return leader if leader and leader.is_published and leader.has_consent else None

    @property
    def leader_label(self) -> str:
        if self.public_leader:
            return self.public_leader.name
        return self.leader_name


class VolunteerActivity(Occurrence):
    """One volunteer activity of a team: a date, a place, seats; attendance gives volunteer hours."""

    team = models.ForeignKey(Team, verbose_name="服务队", on_delete=models.PROTECT, related_name="activities")
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name="地点（社区）", null=True, blank=True, on_delete=models.PROTECT,
        related_name="volunteer_activities", help_text="留空则用服务队所在社区。",
    )  # fmt: skip
    description = models.TextField("内容", max_length=1000, blank=True, help_text="做什么、在哪里集合、要带什么。")

    class Meta:
        verbose_name = "志愿服务活动"
        verbose_name_plural = "志愿服务活动"
        ordering = ["starts_at", "id"]

    def save(self, *args, **kwargs):
        # Derived fields only: what the shared calendar shows. Volunteering is open to every resident.
        self.kind = "pioneers.activity"
        self.audience = Occurrence.Audience.EVERYONE
        if self.hub_id is None:
            self.hub_id = self.team.hub_id
        self.title = self.title or self.team.name
        if self.hub_id:
            self.coordinates_copy_from(self.hub)
        if not self.place and self.hub_id:
            self.place = self.hub.name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pioneers:activity", args=[self.pk])
