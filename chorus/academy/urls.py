from chorus.academy.views import courses, guidelines, questions

app_name = "academy"

urlpatterns = [*guidelines.urlpatterns, *courses.urlpatterns, *questions.urlpatterns]
