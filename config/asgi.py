import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from config.background import start_periodic_work_in_process, warm_up_in_process  # noqa: E402
from config.body_limit import limit_request_body  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

warm_up_in_process()
if settings.PERIODIC_WORK_IN_PROCESS:
    start_periodic_work_in_process()

application = ProtocolTypeRouter(
    {
        "http": limit_request_body(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
