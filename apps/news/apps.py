from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "apps.news"
    label = "news"
    verbose_name = "资讯"

    def ready(self):
        from apps.core.home import home_section_register
        from apps.core.pillars import header_link_register, pillar_page_section_register
        from apps.core.sitemaps import sitemap_register

        from . import search, selectors
        from .sitemaps import ArticleSitemap

        header_link_register(label="资讯", url_name="news:list", order=50)
        pillar_page_section_register(
            order=90, template="news/includes/pillar_news.html", data=selectors.pillar_news_section
        )
        search.register()
        sitemap_register("news", ArticleSitemap)
        home_section_register(order=10, template="news/home_section.html", data=selectors.home_news)
