import { PGlite } from '@electric-sql/pglite';
let t=performance.now();
const db = new PGlite(); await db.waitReady;
console.log('ready', performance.now()-t);
t=performance.now();
const db2 = new PGlite(); await db2.waitReady;
console.log('ready2', performance.now()-t);
t=performance.now();
const c = await db.clone?.(); console.log('clone', typeof db.clone, performance.now()-t);
