"""The four pillars of the brand, as the home page and the header present them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Pillar:
    key: str
    name: str
    motto: str
    summary: str
    url_name: str

    @property
    def url(self) -> str | None:
        from .context_processors import url_or_none

        return url_or_none(self.url_name)


PILLARS = [
    Pillar(
        "classes",
        "红岭课堂",
        "学思践悟",
        "讲习夜校、主题党日+、流动党校与网络党校，按需选课、报名、签到。",
        "classes:menu",
    ),
    Pillar(
        "hubs",
        "红岭之家",
        "有事好商量",
        "社区与小区党支部的服务，我要反映、三方共商和民生工程的进展。",
        "hubs:directory",
    ),
    Pillar(
        "pioneers",
        "红岭先锋",
        "身边的榜样",
        "有一种使命、有一种信念、有一种担当：党员先锋的故事与志愿服务。",
        "pioneers:gallery",
    ),
    Pillar("culture", "红岭文化", "书香邻里", "读书分享、图书漂流、故事会、广场文艺和社区图书馆。", "culture:index"),
]
