from .models import SiteSettings


def run(*, demo_users: bool, volume: int) -> str:
    site = SiteSettings.load()
    for field, value in {
        "brand_name": "红岭+",
        "tagline": "党建引领 · 共建共治共享",
        "subdistrict": "马坡岭街道",
        "district": "长沙市芙蓉区",
        "address": "长沙市芙蓉区马坡岭街道党群服务中心（演示地址）",
        "phone": "0731-8000-0000",
        "office_hours": "周一至周五 8:30–12:00，14:30–17:30",
        "icp_number": "湘ICP备00000000号-1",
    }.items():
        setattr(site, field, value)
    site.full_clean()
    site.save()
    return "站点设置已更新"
