from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.article_list, name="list"),
    path("news/<int:pk>/", views.article_detail, name="detail"),
    path("feeds/news/", feeds.ArticleFeed(), name="feed"),
    path("feeds/news/atom/", feeds.ArticleAtomFeed(), name="atom"),
    path("feeds/news/<slug:pillar>/", feeds.ArticleFeed(), name="feed_pillar"),
    path("feeds/news/<slug:pillar>/atom/", feeds.ArticleAtomFeed(), name="atom_pillar"),
]
