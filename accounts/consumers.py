from channels.generic.websocket import AsyncJsonWebsocketConsumer

from config.background import remember_server_loop, user_group
from config.channel_layer import ResumesAfterLayerOutage


class UserEventsConsumer(ResumesAfterLayerOutage, AsyncJsonWebsocketConsumer):
    """One per open page of a signed-in user: background work (a parsed résumé, a finished
    report, a worker check) reports its progress here. Events sent while Redis is down are lost;
    the pages show the saved status when reloaded."""

    async def connect(self):
        user = self.scope["user"]
        if not user.is_authenticated:
            await self.close(code=4401)
            return
        remember_server_loop()
        await self.join_group(user_group(user.pk))
        await self.accept()

    async def disconnect(self, code):
        await self.leave_groups()

    async def receive_json(self, content, **kwargs):
        await self.send_json({"type": "error", "message": "This connection only sends events."})

    async def client_event(self, message):
        await self.send_json(message["event"])
