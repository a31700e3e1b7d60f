package im.transport.tcp;

import im.protocol.Reply;

/** What a transport hands on in place of a frame that is no line (a WebSocket frame holding several): its answer. */
record RefusedLine(Reply.Line reply) {
}
