// The web client: a login form, then conversations (people and rooms) over im/1. Everything the
// server or another user wrote is shown with textContent, never parsed as HTML.
import { Connection, ServerError } from './connection.js';
import { Conversations, conversationKey, parseMsg } from './conversations.js';

const HISTORY_PAGE = 50;
const $ = (id) => document.getElementById(id);

const saved = {
  get session() { return JSON.parse(localStorage.getItem('im.session') || 'null'); },
  set session(value) {
    if (value) localStorage.setItem('im.session', JSON.stringify(value));
    else localStorage.removeItem('im.session');
  },
  // Each browser is a device of its own, with its own delivery cursor.
  get device() {
    let device = localStorage.getItem('im.device');
    if (!device) {
      device = 'web-' + Math.random().toString(36).slice(2, 10);
      localStorage.setItem('im.device', device);
    }
    return device;
  },
};

const state = {
  me: null,
  restoredFor: null,
  online: new Map(),
  conversations: new Conversations(),
  open: null,
  highestSeen: 0,
  ackTimer: null,
  localIds: 0,
};

const connection = new Connection({ onEvent, onOpen: connected, onClose: disconnected });

function connected() {
  setStatus('online', false);
  const session = saved.session;
  if (session) {
    resume(session);
  } else {
    showLogin();
  }
}

function disconnected(stopped) {
  if (!stopped) setStatus('offline: reconnecting…', true);
  setSendEnabled(false);
  state.conversations.markUnconfirmed();
  render();
}

async function resume(session) {
  try {
    // Set before the reply: the replay's MSG lines follow it at once.
    state.me = session.user;
    await connection.send('RESUME ' + session.token);
    await enterChat(session.user);
  } catch (error) {
    if (error instanceof ServerError) {
      saved.session = null;
      state.me = null;
      showLogin(error.code === 'BAD_CREDENTIALS' ? 'Your session has ended: log in again.' : error.message);
    }
  }
}

async function logIn(register) {
  const name = $('login-name').value.trim();
  const password = $('login-password').value;
  $('login-error').textContent = '';
  if (!connection.isOpen) {
    $('login-error').textContent = 'Not connected to the server yet; try again in a moment.';
    return;
  }
  if ('Notification' in window && Notification.permission === 'default') {
    Notification.requestPermission().catch(() => {});
  }
  try {
    if (register) await connection.send(`REGISTER ${name} ${password}`);
    state.me = name;
    const reply = await connection.send(`LOGIN ${name} ${password} ${saved.device}`);
    const user = reply.split(' ')[2];
    state.me = user;
    const token = (await connection.send('TOKEN')).split(' ')[2];
    saved.session = { user, token };
    $('login-password').value = '';
    await enterChat(user);
  } catch (error) {
    if (!saved.session) state.me = null;
    $('login-error').textContent = error.message;
  }
}

async function logOut() {
  try {
    await connection.send('LOGOUT');
  } catch (error) {
    // Offline: the token is forgotten here either way.
  }
  saved.session = null;
  localStorage.removeItem(conversationsKey(state.me));
  sessionStorage.removeItem('im.open');
  state.me = null;
  state.restoredFor = null;
  state.conversations = new Conversations();
  state.open = null;
  state.online.clear();
  showLogin();
}

async function enterChat(user) {
  const first = state.restoredFor !== user;
  state.me = user;
  state.restoredFor = user;
  $('me').textContent = user;
  $('login-view').hidden = true;
  $('chat-view').hidden = false;
  setSendEnabled(true);
  await loadOnline();
  if (first) {
    restoreConversations(user);
    await loadRooms();
  }
  await state.conversations.reconcile(connection);
  if (state.open) await loadHistory(state.open, false);
  render();
}

// The list of conversations and their unread counts outlive a reload; their messages come back
// from the server (replay and HISTORY).
function conversationsKey(user) {
  return 'im.conversations.' + user.toLowerCase();
}

function restoreConversations(user) {
  const savedList = JSON.parse(localStorage.getItem(conversationsKey(user)) || '[]');
  savedList.forEach(({ title, unread, newest }) => {
    const conversation = state.conversations.ensure(title);
    conversation.unread = unread || 0;
    conversation.newest = newest || 0;
  });
  const open = sessionStorage.getItem('im.open');
  if (open && state.conversations.byKey.has(open)) state.open = state.conversations.byKey.get(open);
}

function saveConversations() {
  if (!state.me) return;
  const list = state.conversations.sorted().map(({ title, unread, newest }) => ({ title, unread, newest }));
  localStorage.setItem(conversationsKey(state.me), JSON.stringify(list));
  if (state.open) sessionStorage.setItem('im.open', state.open.key);
}

function showLogin(message = '') {
  $('chat-view').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message;
  document.title = 'im';
  $('login-name').focus();
}

async function loadOnline() {
  state.online.clear();
  let after = '';
  for (;;) {
    const words = (await connection.send('LIST_ONLINE' + after)).split(' ');
    const names = words.slice(3);
    names.filter((name) => name !== state.me).forEach((name) => state.online.set(name.toLowerCase(), name));
    if (names.length < 100) break;
    after = ' after ' + names[names.length - 1];
  }
}

async function loadRooms() {
  const rooms = (await connection.send('ROOMS')).split(' ').slice(3).map((entry) => entry.split(':')[0]);
  for (const room of rooms) {
    try {
      const members = (await connection.send('MEMBERS ' + room)).split(' ').slice(4);
      if (members.some((name) => name.toLowerCase() === state.me.toLowerCase())) {
        state.conversations.ensure(room);
      }
    } catch (error) {
      // The room ended meanwhile.
    }
  }
}

function onEvent(line, duringCommand) {
  const [keyword, ...rest] = line.split(' ');
  switch (keyword) {
    case 'MSG': {
      const message = parseMsg(line);
      if (!message) return;
      const conversation = state.conversations.ensure(conversationKey(message, state.me));
      const fromHistory = duringCommand === 'HISTORY';
      const isNew = conversation.add(message, state.me);
      if (!fromHistory && isNew) {
        if (message.from.toLowerCase() !== state.me.toLowerCase()
            && !(conversation === state.open && !document.hidden)) {
          conversation.unread += 1;
          notify(message);
        }
        acknowledge(message.id);
      }
      // A page of history is drawn once, after its OK.
      if (!fromHistory) render();
      return;
    }
    case 'JOINED':
      if (rest[0] !== state.me) state.online.set(rest[0].toLowerCase(), rest[0]);
      render();
      return;
    case 'LEFT':
      state.online.delete(rest[0].toLowerCase());
      render();
      return;
    case 'ROOM_JOINED':
    case 'ROOM_LEFT':
      if (state.open && state.open.key === rest[0].toLowerCase() && !$('members').hidden) showMembers();
      return;
    case 'BYE':
      setStatus(rest.join(' '), true);
      return;
    case 'DROPPED':
      setStatus(`${rest[0]} unread messages from ${rest[1]} were dropped: the inbox was full`, true);
      return;
    default:
      // Later versions only add event keywords: ignored.
  }
}

/** Moves this device's cursor to the newest message shown (the cursor covers all before it). */
function acknowledge(id) {
  const position = parseInt(id, 36);
  if (position <= state.highestSeen) return;
  state.highestSeen = position;
  clearTimeout(state.ackTimer);
  state.ackTimer = setTimeout(() => {
    state.ackTimer = null;
    connection.send('ACK ' + state.highestSeen.toString(36)).catch(() => {});
  }, 200);
}

function notify(message) {
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(message.to.startsWith('#') ? `${message.from} in ${message.to}` : message.from,
      { body: message.text, tag: 'im-' + message.id });
  }
}

async function openConversation(key) {
  const conversation = state.conversations.ensure(key);
  state.open = conversation;
  conversation.unread = 0;
  $('members').hidden = true;
  $('chat-view').classList.add('in-conversation');
  render();
  if (!conversation.historyLoaded) await loadHistory(conversation, false);
  scrollToEnd();
  $('message').focus();
}

async function loadHistory(conversation, older) {
  if (conversation.loading || (older && conversation.historyDone) || !connection.isOpen) return;
  conversation.loading = true;
  const log = $('messages');
  const fromBottom = log.scrollHeight - log.scrollTop;
  try {
    const before = older && conversation.oldestId ? ' before ' + conversation.oldestId : '';
    const reply = await connection.send(`HISTORY ${conversation.title} ${HISTORY_PAGE}${before}`);
    const count = Number(reply.split(' ')[2]);
    conversation.historyLoaded = true;
    if (older && count < HISTORY_PAGE) conversation.historyDone = true;
  } catch (error) {
    conversation.historyLoaded = true;
  } finally {
    conversation.loading = false;
  }
  render();
  // The messages in view stay where they were; the older ones come in above them.
  if (older) log.scrollTop = log.scrollHeight - fromBottom;
}

async function sendMessage() {
  const input = $('message');
  const text = input.value.trim();
  const conversation = state.open;
  if (!text || !conversation) return;
  input.value = '';
  $('send-error').textContent = '';
  const local = conversation.addLocal(state.me, text, 'local-' + (state.localIds += 1));
  render();
  scrollToEnd();
  try {
    const [, kind, , id] = (await connection.send(`SEND ${conversation.title} ${text}`)).split(' ');
    conversation.confirm(local, id, kind === 'STORED' ? 'stored' : 'sent');
  } catch (error) {
    if (error instanceof ServerError) {
      local.state = 'failed';
      $('send-error').textContent = error.message;
    } else {
      // Sent or not: the reconnect looks in the history before anything is sent again.
      local.state = 'unconfirmed';
    }
  }
  render();
}

async function joinRoom() {
  let room = $('room-name').value.trim();
  if (!room) return;
  if (!room.startsWith('#')) room = '#' + room;
  try {
    const joined = (await connection.send('JOIN ' + room)).split(' ')[2];
    $('room-name').value = '';
    await openConversation(joined);
  } catch (error) {
    $('send-error').textContent = error.message;
  }
}

async function leaveRoom() {
  const conversation = state.open;
  try {
    await connection.send('LEAVE ' + conversation.title);
  } catch (error) {
    // Not a member any more either way.
  }
  state.conversations.remove(conversation.key);
  state.open = null;
  sessionStorage.removeItem('im.open');
  $('chat-view').classList.remove('in-conversation');
  render();
}

async function showMembers() {
  try {
    const members = (await connection.send('MEMBERS ' + state.open.title)).split(' ').slice(4);
    $('members').textContent = 'Members: ' + members.join(', ');
    $('members').hidden = false;
  } catch (error) {
    $('send-error').textContent = error.message;
  }
}

function setStatus(text, bad) {
  $('status').textContent = text;
  $('status').classList.toggle('offline', bad);
}

function setSendEnabled(enabled) {
  $('message').disabled = !enabled || !state.open;
  $('send-button').disabled = !enabled || !state.open;
}

function scrollToEnd() {
  const log = $('messages');
  log.scrollTop = log.scrollHeight;
}

function listEntry(label, count, current, onSelect) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  const name = document.createElement('span');
  name.textContent = label;
  button.append(name);
  if (count > 0) {
    const badge = document.createElement('span');
    badge.className = 'unread';
    badge.textContent = String(count);
    badge.setAttribute('aria-label', `${count} unread`);
    button.append(badge);
  }
  if (current) button.setAttribute('aria-current', 'true');
  button.addEventListener('click', onSelect);
  item.append(button);
  return item;
}

function render() {
  saveConversations();
  const total = state.conversations.unreadTotal();
  document.title = total > 0 ? `(${total}) im` : 'im';
  $('conversations').replaceChildren(...state.conversations.sorted().map((c) =>
    listEntry(c.title, c.unread, c === state.open, () => openConversation(c.key))));
  $('online').replaceChildren(...[...state.online.values()].sort((a, b) => a.localeCompare(b)).map((name) =>
    listEntry(name, 0, false, () => openConversation(name))));
  const open = state.open;
  $('peer').textContent = open ? open.title : 'Pick a conversation';
  $('members-button').hidden = !open || !open.isRoom;
  $('leave-button').hidden = !open || !open.isRoom;
  setSendEnabled(connection.isOpen && state.me !== null);
  const log = $('messages');
  const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.replaceChildren(...(open ? open.ordered().map((message) => messageItem(message)) : []));
  if (atEnd) scrollToEnd();
}

const STATES = { sending: 'sending…', sent: 'sent', stored: 'stored for later', failed: 'not sent',
  unconfirmed: 'checking…' };

function messageItem(message) {
  const item = document.createElement('li');
  const mine = message.from.toLowerCase() === state.me.toLowerCase();
  item.className = mine ? 'mine' : 'theirs';
  if (message.state === 'failed') item.classList.add('failed');
  item.dataset.id = message.id;
  const meta = document.createElement('span');
  meta.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = message.time;
  time.textContent = new Date(message.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  meta.append(message.from + ' · ', time);
  if (mine && message.state) {
    const delivery = document.createElement('span');
    delivery.className = 'state';
    delivery.textContent = STATES[message.state];
    meta.append(delivery);
  }
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;
  item.append(meta, text);
  return item;
}

$('login-form').addEventListener('submit', (event) => { event.preventDefault(); logIn(false); });
$('register-button').addEventListener('click', () => {
  if ($('login-form').reportValidity()) logIn(true);
});
$('logout-button').addEventListener('click', logOut);
$('send-form').addEventListener('submit', (event) => { event.preventDefault(); sendMessage(); });
$('join-form').addEventListener('submit', (event) => { event.preventDefault(); joinRoom(); });
$('leave-button').addEventListener('click', leaveRoom);
$('members-button').addEventListener('click', showMembers);
$('back-button').addEventListener('click', () => $('chat-view').classList.remove('in-conversation'));
$('messages').addEventListener('scroll', () => {
  if (state.open && $('messages').scrollTop < 40) loadHistory(state.open, true);
});
// A page on its way out sends the cursor it has not sent yet.
window.addEventListener('pagehide', () => {
  if (state.ackTimer !== null) {
    clearTimeout(state.ackTimer);
    connection.send('ACK ' + state.highestSeen.toString(36)).catch(() => {});
  }
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.open) {
    state.open.unread = 0;
    render();
  }
});

if (!saved.session) showLogin();
connection.start();
