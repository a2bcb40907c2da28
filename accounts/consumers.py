from channels.generic.websocket import AsyncJsonWebsocketConsumer

from config.background import remember_server_loop, user_group


class UserEventsConsumer(AsyncJsonWebsocketConsumer):
    """One per open page of a signed-in user: background work (a parsed résumé, a finished
    report, a worker check) reports its progress here."""

    async def connect(self):
        user = self.scope["user"]
        if not user.is_authenticated:
            await self.close(code=4401)
            return
        remember_server_loop()
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        await self.send_json({"type": "error", "message": "This connection only sends events."})

    async def client_event(self, message):
        await self.send_json(message["event"])
