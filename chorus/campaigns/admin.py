from django.contrib import admin

from chorus.campaigns.models import Campaign


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "goal_metric", "goal_target", "utm_label"]
    list_filter = ["goal_metric"]
    search_fields = ["name", "utm_label"]
    date_hierarchy = "starts_on"
    filter_horizontal = ["items", "departments", "locations"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["start_noticed_at"]
