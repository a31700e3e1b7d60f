// What the client knows of each conversation: its messages by id (so a replay or a history page
// never shows one twice), its unread count, and the messages this tab is still sending.

/** MSG <id> <time> <from> <to> <text>, or null for a line that is not one. */
export function parseMsg(line) {
  const match = /^MSG (\S+) (\S+) (\S+) (\S+) (.*)$/.exec(line);
  return match && { id: match[1], time: match[2], from: match[3], to: match[4], text: match[5] };
}

/** The conversation a message belongs to: its room, or the other person. */
export function conversationKey(message, me) {
  if (message.to.startsWith('#')) return message.to;
  return message.from.toLowerCase() === me.toLowerCase() ? message.to : message.from;
}

const position = (id) => parseInt(id, 36);

class Conversation {
  constructor(title) {
    this.title = title;
    this.key = title.toLowerCase();
    this.isRoom = title.startsWith('#');
    this.messages = new Map();
    this.local = [];
    this.unread = 0;
    this.oldestId = null;
    this.newest = 0;
    this.historyLoaded = false;
    this.historyDone = false;
    this.loading = false;
  }

  /** Adds a message from the server; false if it was here already. Settles a local one it confirms. */
  add(message, me) {
    if (this.messages.has(message.id)) return false;
    if (message.from.toLowerCase() === me.toLowerCase()) {
      const waiting = this.local.find((local) => local.state === 'unconfirmed' && local.text === message.text);
      if (waiting) {
        this.local.splice(this.local.indexOf(waiting), 1);
        message.state = 'sent';
      }
    }
    this.messages.set(message.id, message);
    if (this.oldestId === null || position(message.id) < position(this.oldestId)) this.oldestId = message.id;
    this.newest = Math.max(this.newest, position(message.id));
    return true;
  }

  addLocal(me, text, localId) {
    const message = { id: localId, time: new Date().toISOString(), from: me, to: this.title, text, state: 'sending' };
    this.local.push(message);
    return message;
  }

  /** The server stored a message this tab sent: it takes its id and its place. */
  confirm(local, id, state) {
    this.local.splice(this.local.indexOf(local), 1);
    if (!this.messages.has(id)) {
      this.messages.set(id, { ...local, id, state });
      this.newest = Math.max(this.newest, position(id));
      if (this.oldestId === null) this.oldestId = id;
    }
  }

  ordered() {
    const stored = [...this.messages.values()].sort((a, b) => position(a.id) - position(b.id));
    return stored.concat(this.local);
  }
}

export class Conversations {
  constructor() {
    this.byKey = new Map();
  }

  ensure(title) {
    const key = title.toLowerCase();
    let conversation = this.byKey.get(key);
    if (!conversation) {
      conversation = new Conversation(title);
      this.byKey.set(key, conversation);
    }
    return conversation;
  }

  remove(key) {
    this.byKey.delete(key);
  }

  sorted() {
    return [...this.byKey.values()].sort((a, b) => b.newest - a.newest || a.title.localeCompare(b.title));
  }

  unreadTotal() {
    return [...this.byKey.values()].reduce((sum, c) => sum + c.unread, 0);
  }

  /** The connection dropped: a message without its OK may or may not have been stored. */
  markUnconfirmed() {
    this.byKey.forEach((c) => c.local.forEach((local) => {
      if (local.state === 'sending') local.state = 'unconfirmed';
    }));
  }

  /**
   * After a reconnect: the history shows which unconfirmed messages the server stored (they
   * take their ids); the rest were not sent, and are shown so, never sent again by themselves.
   */
  async reconcile(connection) {
    for (const conversation of this.byKey.values()) {
      if (!conversation.local.some((local) => local.state === 'unconfirmed')) continue;
      try {
        await connection.send(`HISTORY ${conversation.title} 50`);
      } catch (error) {
        // Looked at again at the next reconnect.
        continue;
      }
      conversation.local.filter((local) => local.state === 'unconfirmed').forEach((local) => {
        local.state = 'failed';
      });
    }
  }
}
