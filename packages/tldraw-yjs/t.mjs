const t = await import('tldraw');
const store = t.createTLStore({ shapeUtils: t.defaultShapeUtils, bindingUtils: t.defaultBindingUtils });
console.log(Object.keys(store.schema.serialize().sequences).length, store.schema.serialize());
store.ensureStoreIsUsable();
console.log(Object.keys(store.serialize('all')));
console.log([...store.scopedTypes.document]);
console.log(typeof t.createPresenceStateDerivation, typeof t.isEqual, typeof t.react, typeof t.throttle);
