// PLACEHOLDER — owned by the engine helper, to be replaced.
export class Engine {}
