// A websocket to this site that opens again after a drop: 1 s later, then waiting twice as long
// each time up to 10 s, back to 1 s once it is open. A close with 4401 (not logged in) or 4403
// (not allowed) is final, and so is close(). Messages are JSON both ways; a Blob is sent as a
// binary frame. Nothing is sent while the socket is not open (isOpen() tells).
// Hooks, each optional: onOpen(), onMessage(message), onDrop() (it will reopen), onRefused().
window.openSocket = (path, hooks) => {
  let socket;
  let retryDelay = 1000;
  let closed = false;
  const isOpen = () => socket.readyState === WebSocket.OPEN;

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}${path}`);
    socket.onopen = () => {
      retryDelay = 1000;
      if (hooks.onOpen) hooks.onOpen();
    };
    socket.onmessage = (event) => hooks.onMessage(JSON.parse(event.data));
    socket.onclose = (event) => {
      if (closed) return;
      if (event.code === 4401 || event.code === 4403) {
        if (hooks.onRefused) hooks.onRefused();
        return;
      }
      if (hooks.onDrop) hooks.onDrop();
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  connect();
  return {
    isOpen,
    send(message) {
      if (isOpen()) socket.send(message instanceof Blob ? message : JSON.stringify(message));
    },
    close() {
      closed = true;
      socket.close();
    },
  };
};
