// Events for the signed-in user (finished background work) over one websocket per page
// (socket.js). Pages register handlers with onUserEvent(type, handler).
(function () {
  const handlers = {};
  let socket;
  window.onUserEvent = (type, handler) => {
    (handlers[type] = handlers[type] || []).push(handler);
    if (!socket) {
      socket = openSocket("/ws/events/", {
        onMessage: (event) => (handlers[event.type] || []).forEach((each) => each(event)),
      });
    }
  };
})();
