// Events for the signed-in user (finished background work) over one websocket per page.
// Pages register handlers with onUserEvent(type, handler).
(function () {
  const handlers = {};
  let socket;
  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/events/`);
    socket.onmessage = (message) => {
      const event = JSON.parse(message.data);
      (handlers[event.type] || []).forEach((handler) => handler(event));
    };
    socket.onclose = (close) => { if (close.code !== 4401) setTimeout(connect, 3000); };
  }
  window.onUserEvent = (type, handler) => {
    (handlers[type] = handlers[type] || []).push(handler);
    if (!socket) connect();
  };
})();
