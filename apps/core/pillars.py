"""The pillars of the brand and the header's links, registered by the apps (core names none of them).

A pillar registers itself once, from its AppConfig.ready():

    pillar_register(self, order=10, nav_label="课堂", motto="学思践悟", summary="…", url_name="classes:menu")

Its key and name are the app's label and verbose_name, so they are written once. Blocks any app adds to
every pillar's page (news adds the pillar's latest articles) register with `pillar_page_section_register`;
a pillar's template shows them with `{% pillar_page_sections "<key>" as sections %}` (core_tags). The home page's cards,
the header's links (a pillar's link, then the other links apps add with `header_link_register`) and the
choice of pillar an article belongs to (`pillar_choices`, a callable the model field reads when asked, so
a new pillar needs no migration) all come from here.
"""

from dataclasses import dataclass

from .sections import PageSections


@dataclass(frozen=True)
class Pillar:
    key: str
    name: str
    motto: str
    summary: str
    url_name: str
    order: int

    @property
    def url(self) -> str | None:
        from .context_processors import url_or_none

        return url_or_none(self.url_name)


@dataclass(frozen=True)
class HeaderLink:
    label: str
    url_name: str
    order: int


_pillars: dict[str, Pillar] = {}
_header_links: dict[str, HeaderLink] = {}
# Blocks on every pillar's page; each block's data(request, pillar=key) is asked, an empty answer left out.
_pillar_page = PageSections(skip_empty=True)
pillar_page_section_register = _pillar_page.register
pillar_page_sections = _pillar_page.for_request


def header_link_register(*, label: str, url_name: str, order: int) -> None:
    """A link in the header's navigation, after 首页, in `order`; left out while its URL does not resolve."""
    _header_links[url_name] = HeaderLink(label, url_name, order)


def pillar_register(app_config, *, order: int, nav_label: str, motto: str, summary: str, url_name: str) -> None:
    """`app_config` is the pillar's AppConfig: its label is the pillar's key, its verbose_name the name."""
    key = app_config.label
    _pillars[key] = Pillar(key, str(app_config.verbose_name), motto, summary, url_name, order)
    header_link_register(label=nav_label, url_name=url_name, order=order)


def pillars() -> list[Pillar]:
    return sorted(_pillars.values(), key=lambda pillar: pillar.order)


def pillar_choices() -> list[tuple[str, str]]:
    """(key, name) of every pillar in order: the `choices` of a model field that names a pillar."""
    return [(pillar.key, pillar.name) for pillar in pillars()]


def pillar_name(key: str) -> str:
    """The pillar's name, or "" for a key that is not a pillar (callers check keys from the URL with it)."""
    pillar = _pillars.get(key)
    return pillar.name if pillar else ""


def header_links() -> list[HeaderLink]:
    return sorted(_header_links.values(), key=lambda link: link.order)
