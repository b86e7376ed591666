export default function checks() {}
