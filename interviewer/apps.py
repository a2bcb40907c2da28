from django.apps import AppConfig


class InterviewerConfig(AppConfig):
    name = "interviewer"
    verbose_name = "Interviews and question bank"
