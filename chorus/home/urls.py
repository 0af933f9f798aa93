from django.urls import path

from chorus.home import onboarding, views

app_name = "home"

urlpatterns = [
    path("", views.index, name="index"),
    path("onboarding/", onboarding.start, name="onboarding"),
    path("onboarding/<slug:step>/", onboarding.step, name="onboarding-step"),
]
