/**
 * The tickwire arena: a Phaser game that two to eight people play from their browsers, one of them
 * hosting, with the broker serving this page and introducing the peers.
 */
import { App } from './app.js';

new App(location.origin);
