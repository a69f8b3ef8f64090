PatchMLP(
  (stem): Conv2d(3, 32, kernel_size=(4, 4), stride=(4, 4))
  (blocks): Module(
    (0): Module(
      (token_mix): Module(
        (fc1): Linear(in_features=64, out_features=32, bias=True)
        (act): GELU(approximate='none')
        (drop): Dropout(p=0.0, inplace=False)
        (fc2): Linear(in_features=32, out_features=64, bias=True)
      )
      (channel_mix): Module(
        (fc1): Linear(in_features=32, out_features=128, bias=True)
        (act): GELU(approximate='none')
        (drop): Dropout(p=0.0, inplace=False)
        (fc2): Linear(in_features=128, out_features=32, bias=True)
      )
    )
    (1): Module(
      (token_mix): Module(
        (fc1): Linear(in_features=64, out_features=32, bias=True)
        (act): GELU(approximate='none')
        (drop): Dropout(p=0.0, inplace=False)
        (fc2): Linear(in_features=32, out_features=64, bias=True)
      )
      (channel_mix): Module(
        (fc1): Linear(in_features=32, out_features=128, bias=True)
        (act): GELU(approximate='none')
        (drop): Dropout(p=0.0, inplace=False)
        (fc2): Linear(in_features=128, out_features=32, bias=True)
      )
    )
  )
  (head): Linear(in_features=32, out_features=10, bias=True)
)



def forward(self, x):
    stem = self.stem(x);  x = None
    flatten = stem.flatten(2);  stem = None
    transpose = flatten.transpose(1, 2);  flatten = None
    transpose_1 = transpose.transpose(1, 2)
    blocks_0_token_mix_fc1 = getattr(self.blocks, "0").token_mix.fc1(transpose_1);  transpose_1 = None
    blocks_0_token_mix_act = getattr(self.blocks, "0").token_mix.act(blocks_0_token_mix_fc1);  blocks_0_token_mix_fc1 = None
    blocks_0_token_mix_drop = getattr(self.blocks, "0").token_mix.drop(blocks_0_token_mix_act);  blocks_0_token_mix_act = None
    blocks_0_token_mix_fc2 = getattr(self.blocks, "0").token_mix.fc2(blocks_0_token_mix_drop);  blocks_0_token_mix_drop = None
    blocks_0_token_mix_drop_1 = getattr(self.blocks, "0").token_mix.drop(blocks_0_token_mix_fc2);  blocks_0_token_mix_fc2 = None
    transpose_2 = blocks_0_token_mix_drop_1.transpose(1, 2);  blocks_0_token_mix_drop_1 = None
    add = transpose + transpose_2;  transpose = transpose_2 = None
    blocks_0_channel_mix_fc1 = getattr(self.blocks, "0").channel_mix.fc1(add)
    blocks_0_channel_mix_act = getattr(self.blocks, "0").channel_mix.act(blocks_0_channel_mix_fc1);  blocks_0_channel_mix_fc1 = None
    blocks_0_channel_mix_drop = getattr(self.blocks, "0").channel_mix.drop(blocks_0_channel_mix_act);  blocks_0_channel_mix_act = None
    blocks_0_channel_mix_fc2 = getattr(self.blocks, "0").channel_mix.fc2(blocks_0_channel_mix_drop);  blocks_0_channel_mix_drop = None
    blocks_0_channel_mix_drop_1 = getattr(self.blocks, "0").channel_mix.drop(blocks_0_channel_mix_fc2);  blocks_0_channel_mix_fc2 = None
    add_1 = add + blocks_0_channel_mix_drop_1;  add = blocks_0_channel_mix_drop_1 = None
    transpose_3 = add_1.transpose(1, 2)
    blocks_1_token_mix_fc1 = getattr(self.blocks, "1").token_mix.fc1(transpose_3);  transpose_3 = None
    blocks_1_token_mix_act = getattr(self.blocks, "1").token_mix.act(blocks_1_token_mix_fc1);  blocks_1_token_mix_fc1 = None
    blocks_1_token_mix_drop = getattr(self.blocks, "1").token_mix.drop(blocks_1_token_mix_act);  blocks_1_token_mix_act = None
    blocks_1_token_mix_fc2 = getattr(self.blocks, "1").token_mix.fc2(blocks_1_token_mix_drop);  blocks_1_token_mix_drop = None
    blocks_1_token_mix_drop_1 = getattr(self.blocks, "1").token_mix.drop(blocks_1_token_mix_fc2);  blocks_1_token_mix_fc2 = None
    transpose_4 = blocks_1_token_mix_drop_1.transpose(1, 2);  blocks_1_token_mix_drop_1 = None
    add_2 = add_1 + transpose_4;  add_1 = transpose_4 = None
    blocks_1_channel_mix_fc1 = getattr(self.blocks, "1").channel_mix.fc1(add_2)
    blocks_1_channel_mix_act = getattr(self.blocks, "1").channel_mix.act(blocks_1_channel_mix_fc1);  blocks_1_channel_mix_fc1 = None
    blocks_1_channel_mix_drop = getattr(self.blocks, "1").channel_mix.drop(blocks_1_channel_mix_act);  blocks_1_channel_mix_act = None
    blocks_1_channel_mix_fc2 = getattr(self.blocks, "1").channel_mix.fc2(blocks_1_channel_mix_drop);  blocks_1_channel_mix_drop = None
    blocks_1_channel_mix_drop_1 = getattr(self.blocks, "1").channel_mix.drop(blocks_1_channel_mix_fc2);  blocks_1_channel_mix_fc2 = None
    add_3 = add_2 + blocks_1_channel_mix_drop_1;  add_2 = blocks_1_channel_mix_drop_1 = None
    mean = add_3.mean(dim = 1);  add_3 = None
    head = self.head(mean);  mean = None
    return head
    
