from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.home, name="home"),
    path("guidance/", views.guidance_index, name="index"),
    path("guidance/<slug:slug>/", views.article, name="article"),
    path("search/", views.search, name="search"),
    path("privacy/", views.privacy, name="privacy"),
]
