// Ink imports react-devtools-core only when DEV=true; natter's bundle has no devtools.
export default { initialize() {}, connectToDevTools() {} };
