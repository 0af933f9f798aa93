from django.urls import path

from chorus.tracking import views

app_name = "tracking"
urlpatterns = [path("s/<str:code>", views.link_redirect, name="redirect")]
