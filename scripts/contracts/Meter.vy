# pragma version ~=0.4.3
# A small contract for bond's send-tx tests: stores the last meter reading per asset, emits an
# event, and reverts when a reading decreases (as the Origin registries do).

event Reading:
    asset: indexed(uint256)
    value: uint256
    sender: address

last: public(HashMap[uint256, uint256])
count: public(uint256)

@external
def record(asset: uint256, reading: uint256):
    assert reading >= self.last[asset], "reading decreased"
    self.last[asset] = reading
    self.count += 1
    log Reading(asset=asset, value=reading, sender=msg.sender)
