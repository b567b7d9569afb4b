// Placeholder global setup; replaced by the PostgreSQL harness when the server lands.
export default function setup(): void {}
