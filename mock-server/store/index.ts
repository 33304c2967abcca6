// PLACEHOLDER — owned by the store helper, to be replaced.
export class Store {}
