"""“导航到这里”: coordinates checked against Changsha, copied to what happens at a place, and links that open
the phone's map app (高德, 腾讯, 百度) with no script and no key."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.core.geo import map_links
from tests.classes.factories import session_create
from tests.hubs.factories import hub_create

pytestmark = pytest.mark.django_db

MAPOLING = {"latitude": Decimal("28.196100"), "longitude": Decimal("113.062300")}


def test_links_point_at_the_spot_with_coordinates_and_search_in_changsha_without():
    amap, tencent, baidu = map_links(name="锦林社区党群服务中心", address="锦林路 1 号", **MAPOLING)
    assert amap[0] == "高德地图" and parse_qs(urlsplit(amap[1]).query)["position"] == ["113.062300,28.196100"]
    assert "coord:28.196100,113.062300;" in parse_qs(urlsplit(tencent[1]).query)["marker"][0]
    assert parse_qs(urlsplit(baidu[1]).query)["coord_type"] == ["gcj02"]  # what 高德/腾讯 give staff
    searched = map_links(name="锦林社区", address="锦林路 1 号")
    assert all("search" in url for _, url in searched)
    query = parse_qs(urlsplit(searched[0][1]).query)
    assert (query["keyword"], query["city"]) == (["锦林路 1 号"], ["长沙"])


@pytest.mark.parametrize(
    ("coordinates", "codes"),
    [
        (
            {"latitude": Decimal("39.904200"), "longitude": Decimal("116.407400")},  # Beijing
            {"latitude": "max_value", "longitude": "max_value"},
        ),
        (
            {"latitude": Decimal("28.196100"), "longitude": Decimal("-113.062300")},  # sign lost
            {"longitude": "min_value"},
        ),
        (
            {"latitude": Decimal("113.062300"), "longitude": Decimal("28.196100")},  # swapped
            {"latitude": "max_value", "longitude": "min_value"},
        ),
    ],
    ids=["beijing", "sign-lost", "swapped"],
)
def test_coordinates_outside_changsha_are_refused_with_a_chinese_message(coordinates, codes):
    hub = hub_create()
    for name, value in coordinates.items():
        setattr(hub, name, value)
    with pytest.raises(ValidationError) as caught:
        hub.full_clean()
    assert "不在长沙市范围内" in str(caught.value)
    assert {field: errors[0].code for field, errors in caught.value.error_dict.items()} == codes
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        hub.save()


def test_half_a_pair_is_refused():
    hub = hub_create()
    hub.latitude = MAPOLING["latitude"]
    with pytest.raises(ValidationError) as caught:
        hub.full_clean()
    assert caught.value.error_dict["__all__"][0].code == "coordinates_incomplete"


def test_hub_page_and_a_session_held_there_show_the_way(client):
    hub = hub_create(**MAPOLING)
    session = session_create(venue_hub=hub, is_public=True)
    assert (session.latitude, session.longitude) == (MAPOLING["latitude"], MAPOLING["longitude"])
    for url in (hub.get_absolute_url(), session.get_absolute_url()):
        html = client.get(url).text
        assert "导航到这里" in html and "https://uri.amap.com/marker?position=113.062300%2C28.196100" in html


def test_without_coordinates_the_hub_page_offers_a_search_by_address(client):
    hub = hub_create(address="锦林路 1 号")
    html = client.get(hub.get_absolute_url()).text
    assert "导航到这里" not in html and "在地图上查找" in html and "uri.amap.com/search" in html


def test_a_route_leads_to_its_first_stop_and_a_site_to_itself(client):
    from apps.classes.models import RedSite, Route, RouteStop

    first = RedSite.objects.create(name="红船初心馆", address="锦林社区党群服务中心二楼", **MAPOLING)
    last = RedSite.objects.create(
        name="连心广场", address="远大路", latitude=Decimal("28.2"), longitude=Decimal("113.07")
    )
    route = Route.objects.create(title="半日行", summary="三处阵地。")
    RouteStop.objects.create(route=route, site=last, order=2)
    RouteStop.objects.create(route=route, site=first, order=1)
    html = client.get("/classes/routes/").text
    assert "导航到起点" in html and "position=113.062300%2C28.196100" in html
    assert "position=113.070000%2C28.200000" in client.get("/classes/sites/").text
