from django.urls import path

from accounts.consumers import UserEventsConsumer
from interviewer.consumers import InterviewConsumer

websocket_urlpatterns = [
    path("ws/events/", UserEventsConsumer.as_asgi()),
    path("ws/interview/<int:interview_id>/", InterviewConsumer.as_asgi()),
]
