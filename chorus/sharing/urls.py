from django.urls import path

from chorus.sharing import views

app_name = "sharing"
urlpatterns = [
    path("share/<int:pk>/", views.compose, name="compose"),
    path("share/<int:pk>/images.zip", views.item_images, name="item-images"),
    path("share/new/", views.own_post, name="own-post"),
    path("share/closeness", views.closeness, name="closeness"),
    path("shares/", views.my_shares, name="my-shares"),
    path("shares/<int:pk>/", views.share_detail, name="share-detail"),
    path("shares/<int:pk>/posted", views.share_posted, name="share-posted"),
    path("shares/<int:pk>/flag/", views.flag_create, name="flag-create"),
    path("flags/", views.flags, name="flags"),
    path("flags/<int:pk>/", views.flag_detail, name="flag-detail"),
    path("flags/<int:pk>/reply/", views.flag_reply, name="flag-reply"),
    path("flags/<int:pk>/resolve/", views.flag_resolve, name="flag-resolve"),
]
