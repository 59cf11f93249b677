/**
 * The reason code of the `playerLeft` a host with host migration sends for its own player as it
 * leaves (`host.leave()`): the clients move to the successor at once, without waiting to find the
 * host silent.
 */
export const HOST_LEFT = 'host_left';
