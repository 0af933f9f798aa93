from django.urls import path

from chorus.content.views import feed, inspiration, suggestions, topics, workspace

app_name = "content"
urlpatterns = [
    # Advocates (every employee may read; sharing is for those who joined)
    path("content/", feed.feed, name="feed"),
    path("content/<int:pk>/", feed.item_detail, name="item-detail"),
    path("content/suggest/", suggestions.suggest, name="suggest"),
    path("content/topics/", topics.topics, name="topics"),
    # Curators
    path("content/manage/", workspace.items, name="items"),
    path("content/manage/new/", workspace.item_create, name="item-create"),
    path("content/manage/calendar/", workspace.calendar, name="calendar"),
    path("content/manage/<int:pk>/", workspace.item_edit, name="item-edit"),
    path("content/manage/<int:pk>/preview/", workspace.item_preview, name="item-preview"),
    path("content/manage/<int:pk>/images/", workspace.item_image_add, name="item-image-add"),
    path(
        "content/manage/images/<int:pk>/remove/",
        workspace.item_image_remove,
        name="item-image-remove",
    ),
    path("content/manage/<int:pk>/<str:action>/", workspace.item_action, name="item-action"),
    path("content/suggestions/", suggestions.moderation, name="suggestions"),
    path(
        "content/suggestions/<int:pk>/approve/",
        suggestions.suggestion_approve,
        name="suggestion-approve",
    ),
    path(
        "content/suggestions/<int:pk>/decline/",
        suggestions.suggestion_decline,
        name="suggestion-decline",
    ),
    path("content/inspiration/", inspiration.inbox, name="inspiration"),
    path("content/inspiration/sources/", inspiration.source_add, name="inspiration-source-add"),
    path(
        "content/inspiration/sources/<int:pk>/poll/",
        inspiration.source_poll,
        name="inspiration-source-poll",
    ),
    path("content/inspiration/<int:pk>/use/", inspiration.entry_use, name="inspiration-entry-use"),
    path(
        "content/inspiration/<int:pk>/dismiss/",
        inspiration.entry_dismiss,
        name="inspiration-entry-dismiss",
    ),
]
