from django.urls import path

from chorus.scheduler import views

app_name = "scheduler"

urlpatterns = [
    path("jobs/", views.jobs, name="jobs"),
]
