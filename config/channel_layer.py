"""Sockets that outlive an outage of the channel layer (Redis in production: a restart, a
failover). A Channels consumer ends as soon as a call to its layer fails, and Daphne closes its
socket with 1011; these keep the socket open, wait for the layer to come back, join their groups
again (a restarted Redis has forgotten them) and then handle a `channel_layer.back` message, where
a consumer sends what its client may have missed. Events sent to a group during the outage are
lost: what they said is in the database, and that handler says it again."""

import asyncio
import contextlib
import logging

from config.cache import UNREACHABLE

log = logging.getLogger(__name__)
FIRST_RETRY_S = 0.5
LONGEST_RETRY_S = 5.0


class _Outage:
    """Logs an outage when the first socket notices it and its end when the first one is back,
    rather than once for every socket open at the time."""

    def __init__(self):
        self.ongoing = False

    def began(self, error: BaseException) -> None:
        if not self.ongoing:
            self.ongoing = True
            log.warning("The channel layer is unreachable (%s): sockets stay open and resume when it is back", error)

    def ended(self) -> None:
        if self.ongoing:
            self.ongoing = False
            log.warning("The channel layer is reachable again: sockets are resuming")


outage = _Outage()


class ResumesAfterLayerOutage:
    """For AsyncConsumer subclasses (put it first among the bases): join groups with
    `join_group`, leave them with `leave_groups` and send to one with `send_to_group`; override
    `channel_layer_back` to send the client what it may have missed."""

    # AsyncConsumer.__call__ sets channel_receive to the layer's receive for this socket's channel
    # and waits on it beside the client's messages, so that an error from it would end the
    # consumer: the layer's receive is kept, and one that waits out an outage is handed out.
    @property
    def channel_receive(self):
        return self._receive_through_outages

    @channel_receive.setter
    def channel_receive(self, layer_receive):
        self._layer_receive = layer_receive

    async def join_group(self, group: str) -> None:
        self.joined_groups = [*getattr(self, "joined_groups", []), group]
        try:
            await self.channel_layer.group_add(group, self.channel_name)
        except UNREACHABLE as error:
            outage.began(error)  # joined when the layer is back (the receive fails meanwhile)

    async def leave_groups(self) -> None:
        for group in getattr(self, "joined_groups", []):
            with contextlib.suppress(*UNREACHABLE):  # the layer drops a membership by itself after its group_expiry
                await self.channel_layer.group_discard(group, self.channel_name)

    async def send_to_group(self, group: str, message: dict) -> bool:
        """False if the layer is unreachable (the message is dropped)."""
        try:
            await self.channel_layer.group_send(group, message)
            return True
        except UNREACHABLE as error:
            outage.began(error)
            return False

    async def channel_layer_back(self, message: dict) -> None:
        """The layer is back and this socket is in its groups again."""

    async def _receive_through_outages(self) -> dict:
        try:
            return await self._layer_receive()
        except UNREACHABLE as error:
            outage.began(error)
        delay = FIRST_RETRY_S
        while True:
            await asyncio.sleep(delay)
            if await self._rejoin():
                outage.ended()
                return {"type": "channel_layer.back"}
            delay = min(2 * delay, LONGEST_RETRY_S)

    async def _rejoin(self) -> bool:
        groups = getattr(self, "joined_groups", [])
        if not groups:
            return False  # a socket refused before joining: nothing to resume, it is closing
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
        except UNREACHABLE:
            return False
        return True
