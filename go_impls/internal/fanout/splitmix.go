package fanout

// Compute is the work of one compute-mode task: splitmix64 with its state
// starting at i, `rounds` outputs, the result being the last output (i when
// rounds is 0). This is the generator the harness's reference uses
// (harness/src/checks/fanout_checksum.cpp over rng.hpp): the state is advanced by
// the golden gamma each round and each output is the mix of the state.
func Compute(i uint64, rounds int64) uint64 {
	x, z := i, i
	for r := int64(0); r < rounds; r++ {
		x += 0x9e3779b97f4a7c15
		z = x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
	}
	return z
}
