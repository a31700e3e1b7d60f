// im/1 over the page's own WebSocket: one line per frame. Replies come in command order, so each
// command's promise is the next OK or ERR line; every other line is an event for onEvent.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

export class Connection {
  constructor({ onEvent, onOpen, onClose }) {
    this.onEvent = onEvent;
    this.onOpen = onOpen;
    this.onClose = onClose;
    this.pending = [];
    this.socket = null;
    this.attempt = 0;
    this.stopped = true;
    this.retryTimer = null;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good: no reconnect until start() again. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      this.socket.close(1000, 'client leaving');
    }
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN && this.greeted;
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + location.host + '/ws');
    this.socket = socket;
    this.greeted = false;
    socket.onmessage = (event) => this.received(String(event.data));
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      const lost = this.pending;
      this.pending = [];
      lost.forEach((request) => request.reject(new Error('connection lost')));
      this.onClose(this.stopped);
      if (!this.stopped) {
        const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
        this.attempt += 1;
        this.retryTimer = setTimeout(() => this.open(), delay * (0.8 + Math.random() * 0.4));
      }
    };
  }

  received(line) {
    if (!this.greeted && line.startsWith('HELLO ')) {
      this.greeted = true;
      this.attempt = 0;
      this.onOpen();
      return;
    }
    if (line.startsWith('OK ') || line.startsWith('ERR ')) {
      const request = this.pending.shift();
      if (request) {
        if (line.startsWith('OK')) {
          request.resolve(line);
        } else {
          request.reject(new ServerError(line));
        }
      }
      return;
    }
    if (line.startsWith('PING ')) {
      this.send(line).catch(() => {});
      return;
    }
    const current = this.pending[0];
    this.onEvent(line, current ? current.command : null);
  }

  /** Sends one command line; resolves with its OK line, rejects with its ERR (a ServerError). */
  send(line) {
    return new Promise((resolve, reject) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
        reject(new Error('offline'));
        return;
      }
      this.pending.push({ command: line.split(' ', 1)[0], resolve, reject });
      this.socket.send(line);
    });
  }
}

export class ServerError extends Error {
  constructor(line) {
    const [, code, ...text] = line.split(' ');
    super(text.join(' ') || code);
    this.code = code;
  }
}
